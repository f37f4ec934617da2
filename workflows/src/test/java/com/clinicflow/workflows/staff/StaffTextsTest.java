package com.clinicflow.workflows.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StaffTextsTest {

  /** A long outage: the list names the first 20 and counts the rest, in the clinic's language. */
  @Test
  void aDigestOfManyConversationsNamesTwentyAndCountsTheRest() {
    List<StaffAlert> waiting =
        IntStream.rangeClosed(1, 23)
            .mapToObj(i -> StaffHistoryRecorder.attention("55119000000" + (10 + i)))
            .toList();

    String text = StaffTexts.attentionDigest(waiting);

    assertThat(text)
        .startsWith("🆘 23 conversas precisam de atenção")
        .contains("patient:alpha:5511900000011 (UPSTREAM_UNAVAILABLE)")
        .contains("patient:alpha:5511900000030")
        .doesNotContain("5511900000031")
        .contains("… e mais 3.")
        .endsWith(
            "peça aqui para tentar de novo todas (ou uma), ou para deixar de lado uma que"
                + " vocês mesmos responderem.");
    assertThat(text.lines().filter(l -> l.startsWith("• "))).hasSize(StaffTexts.DIGEST_NAMED);
  }

  @Test
  void aDigestSpeaksTheClinicsLanguage() {
    StaffAlert english =
        StaffAlert.needsAttention("alpha", "patient:alpha:1", "f1", "UNAUTHORIZED")
            .forClinic("Alpha", "en");
    StaffAlert another =
        StaffAlert.needsAttention("alpha", "patient:alpha:2", "f2", "UNAUTHORIZED")
            .forClinic("Alpha", "en");

    assertThat(StaffTexts.attentionDigest(List.of(english, another)))
        .startsWith("🆘 2 conversations need attention")
        .doesNotContain("more")
        .endsWith(
            "ask me here to try them all again (or one), or to skip one you answer"
                + " yourselves.");
  }

  /** Staff cannot open the Temporal UI: the alert says what they can ask the assistant here. */
  @Test
  void anAttentionAlertTellsTheStaffWhatTheyCanAskTheAssistant() {
    StaffAlert alert = StaffAlert.needsAttention("alpha", "patient:alpha:1", "f1", "UNAUTHORIZED");

    assertThat(StaffTexts.alert(alert.forClinic("Alpha", "pt-BR")))
        .contains("patient:alpha:1 (erro UNAUTHORIZED)", "tentar de novo", "deixar")
        .doesNotContain("Temporal");
    assertThat(StaffTexts.alert(alert.forClinic("Alpha", "es")))
        .contains("patient:alpha:1 (error UNAUTHORIZED)", "intente de nuevo", "deje")
        .doesNotContain("Temporal");
    assertThat(StaffTexts.alert(alert.forClinic("Alpha", "en")))
        .contains("patient:alpha:1 (error UNAUTHORIZED)", "try again", "skip")
        .doesNotContain("Temporal");
  }

  /** A passing outage heals by itself: the alert says so, and says nothing of it otherwise. */
  @Test
  void anAlertSaysWhenTheConversationWillTryAgainByItself() {
    StaffAlert passing =
        StaffAlert.needsAttention("alpha", "patient:alpha:1", "f1", "UPSTREAM_UNAVAILABLE", true);
    StaffAlert key =
        StaffAlert.needsAttention("alpha", "patient:alpha:2", "f2", "UNAUTHORIZED", false);

    assertThat(StaffTexts.alert(passing.forClinic("Alpha", "pt-BR")))
        .endsWith("vou tentar de novo sozinho nas próximas horas.");
    assertThat(StaffTexts.alert(passing.forClinic("Alpha", "en")))
        .endsWith("I will try again by myself over the next hours.");
    assertThat(StaffTexts.alert(key.forClinic("Alpha", "en"))).doesNotContain("by myself");
    assertThat(
            StaffTexts.attentionDigest(
                List.of(passing.forClinic("Alpha", "es"), key.forClinic("Alpha", "es"))))
        .endsWith("Las que fallaron por una falla pasajera las reintento por mi cuenta.");
    assertThat(
            StaffTexts.attentionDigest(
                List.of(key.forClinic("Alpha", "en"), key.forClinic("Alpha", "en"))))
        .doesNotContain("by myself");
  }
}
