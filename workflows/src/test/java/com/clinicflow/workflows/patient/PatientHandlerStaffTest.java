package com.clinicflow.workflows.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.staff.StaffAlert;
import com.clinicflow.workflows.testing.ConversationHarness;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What clinic staff do to a patient conversation from Telegram. */
class PatientHandlerStaffTest {

  private static final String PHONE = "5511900000077";

  private ConversationHarness h;

  @BeforeEach
  void setUp() {
    h = new ConversationHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void aStaffMessageStartsTheConversationIsSentOnceAndJoinsTheTranscript() {
    StaffOutbound message =
        new StaffOutbound("k-1", "Sua consulta foi confirmada", "staff:alpha:-100");
    h.staffMessage("alpha", PHONE, message);
    h.staffMessage("alpha", PHONE, message);
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(h.fakes.whatsApp.sent)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.idempotencyKey()).isEqualTo("k-1");
              assertThat(m.recipient()).isEqualTo(PHONE);
              assertThat(m.instanceName()).isEqualTo("alpha_instance");
              assertThat(m.text()).isEqualTo("Sua consulta foi confirmada");
            });
    assertThat(h.fakes.conversations.turns)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.messages().get(0).role()).isEqualTo(ChatRole.STAFF);
              assertThat(t.messages().get(0).joinedText()).isEqualTo("Sua consulta foi confirmada");
            });
    assertThat(h.fakes.llm.requests).isEmpty();
    assertThat(h.fakes.tenants.events()).contains("staff_message_sent");

    // The patient's answer is a normal turn that sees what staff wrote.
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Obrigada!"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    assertThat(h.fakes.llm.requests.get(0).history().get(0).joinedText())
        .isEqualTo("Sua consulta foi confirmada");
  }

  /**
   * The alert tells staff to answer a waiting patient themselves: their message goes out at once,
   * not after someone retries or skips the turn, and the turn is then theirs (no automatic retry).
   */
  @Test
  void aStaffMessageWhileATurnWaitsGoesOutAtOnceAndTheTurnIsLeftToStaff() {
    h.fakes.llm.failFirst(
        ActivityStubs.LLM_ATTEMPTS,
        () -> ApplicationFailure.newFailure("HTTP 503", "UPSTREAM_UNAVAILABLE"),
        "Resposta do assistente");
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Posso remarcar?"));
    PatientHandler conversation = h.conversation("alpha", PHONE);
    h.eventually(() -> conversation.state().status() == ConversationStatus.NEEDS_ATTENTION);

    h.staffMessage(
        "alpha", PHONE, new StaffOutbound("k-2", "Pode sim, amanhã às 10h", "staff:alpha:-100"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    assertThat(h.fakes.whatsApp.texts())
        .containsExactly("FALLBACK alpha", "Pode sim, amanhã às 10h");
    assertThat(h.fakes.tenants.events()).contains("staff_message_sent");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.NEEDS_ATTENTION);

    h.pass(Duration.ofHours(3)); // every automatic retry's time passes: staff answered
    h.settle();
    assertThat(h.fakes.llm.requests).hasSize(ActivityStubs.LLM_ATTEMPTS);
    conversation.skip(new OperatorSkip("staff:alpha:-100"));
    h.eventually(() -> conversation.state().status() == ConversationStatus.ACTIVE);
    h.settle();
    assertThat(h.fakes.whatsApp.texts())
        .containsExactly("FALLBACK alpha", "Pode sim, amanhã às 10h");
  }

  @Test
  void aPauseFromTelegramSilencesTheBotEvenAcrossTheIdleTimeout() {
    h.pause("alpha", PHONE, new BotPause(Duration.ofHours(48), "staff:alpha:-100"));
    h.pass(Duration.ofHours(30));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi, alguém?"));
    h.settle();

    assertThat(h.fakes.whatsApp.sent).isEmpty();
    assertThat(h.fakes.llm.requests).isEmpty();
    assertThat(h.conversation("alpha", PHONE).state().status())
        .isEqualTo(ConversationStatus.PAUSED);

    h.pause("alpha", PHONE, new BotPause(Duration.ZERO, "staff:alpha:-100"));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Voltaram?"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
  }

  @Test
  void aConversationNeedingAttentionAlertsTheClinicChatWithItsWorkflowId() {
    h.fakes.llm.answer =
        r -> {
          throw ApplicationFailure.newNonRetryableFailure("HTTP 400", "BAD_REQUEST");
        };
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.telegram.to(-100L).size() == 1);

    assertThat(h.fakes.alerts.raised)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(StaffAlert.Kind.NEEDS_ATTENTION);
              assertThat(a.workflowId()).isEqualTo("patient:alpha:" + PHONE);
              assertThat(a.error()).isEqualTo("BAD_REQUEST");
            });
    assertThat(h.fakes.telegram.to(-100L).get(0).text())
        .contains("patient:alpha:" + PHONE)
        .contains("BAD_REQUEST");
  }
}
