package com.clinicflow.workflows.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.messaging.TelegramMessage;
import com.clinicflow.workflows.tenant.QuotaUsage;
import com.clinicflow.workflows.testing.ConversationHarness;
import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.HistoryMarkers;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InternalAssistantWorkflowTest {

  private static final long ALPHA_CHAT = -100L;
  private static final long STRANGER = 4242L;
  private static final long ADMIN = 777L;

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
  void aChatOfNoClinicGetsOneRefusalPerHourAndNothingElseRuns() {
    h.staff(null, h.staffText(STRANGER, 1, "quais consultas temos hoje?"));
    h.staff(null, h.staffText(STRANGER, 2, "olá?"));
    h.staff(null, h.staffText(STRANGER, 3, "alguém aí?"));
    h.eventually(() -> h.staffChat(null, STRANGER).state().turnsSoFar() == 3);
    h.settle();

    assertThat(h.fakes.telegram.to(STRANGER))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.text()).contains("não está autorizado");
              assertThat(m.tenantId()).isNull();
            });
    assertThat(h.fakes.llm.requests).isEmpty();
    assertThat(h.fakes.tools.invocations).isEmpty();
    assertThat(h.fakes.tools.catalogScopes).isEmpty();
    assertThat(h.fakes.whatsApp.sent).isEmpty();
    assertThat(h.fakes.tenants.log)
        .filteredOn(e -> e.eventType().equals("unauthorized_chat"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.tenantId()).isNull());

    h.pass(Duration.ofMinutes(61));
    h.staff(null, h.staffText(STRANGER, 4, "e agora?"));
    h.eventually(() -> h.fakes.telegram.to(STRANGER).size() == 2);
  }

  @Test
  void theClinicChatIsAnsweredByTheAgentWithStaffToolsAndTheInternalPrompt() {
    AtomicInteger calls = new AtomicInteger();
    h.fakes.llm.answer =
        r -> {
          if (calls.incrementAndGet() == 1) {
            ToolCall call = new ToolCall("c1", "echo", Map.of("day", "2026-11-14"));
            return new LlmReply(
                new ChatMessage(ChatRole.MODEL, List.of(ChatPart.toolCall(call, null))),
                "",
                List.of(call),
                10,
                2);
          }
          return FakeActivities.Llm.reply("Amanhã: 3 consultas.");
        };
    h.staff("alpha", h.staffText(ALPHA_CHAT, 10, "o que temos amanhã?"));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    h.settle();

    // The model's calls name the staff of this clinic; the LLM activity looks their tools up.
    assertThat(h.fakes.tools.catalogScopes).isEmpty();
    assertThat(h.fakes.llm.requests)
        .hasSize(2)
        .allSatisfy(
            r ->
                assertThat(r.toolScope())
                    .isEqualTo(new ToolScope("alpha", ToolScope.Audience.STAFF)));
    assertThat(h.fakes.tools.invocations)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.audience()).isEqualTo(ToolScope.Audience.STAFF);
              assertThat(i.tenantId()).isEqualTo("alpha");
              assertThat(i.contact()).isEqualTo("telegram:" + ALPHA_CHAT);
              assertThat(i.conversationId()).isEqualTo("staff:alpha:" + ALPHA_CHAT);
            });
    assertThat(h.fakes.llm.requests.get(0).systemInstruction())
        .contains("You help the staff.")
        .contains("America/Sao_Paulo")
        .contains("Bia");
    assertThat(h.fakes.llm.requests.get(0).history().get(0).joinedText())
        .isEqualTo("Bia: o que temos amanhã?");
    TelegramMessage reply = h.fakes.telegram.to(ALPHA_CHAT).get(0);
    assertThat(reply.text()).isEqualTo("Amanhã: 3 consultas.");
    assertThat(reply.tenantId()).isEqualTo("alpha");
    // The staff chat has memory like a patient conversation.
    assertThat(h.fakes.conversations.turns)
        .singleElement()
        .satisfies(t -> assertThat(t.contact()).isEqualTo("telegram:" + ALPHA_CHAT));
  }

  @Test
  void aVoiceNoteIsListenedToByReferenceAndAStickerGetsThePoliteRefusal() {
    StaffUpdate voiceNote =
        new StaffUpdate(
            40,
            ALPHA_CHAT,
            1L,
            "Bia",
            null,
            null,
            Instant.now(),
            new StaffUpdate.Voice("AwACAgEAAxkBVoice", "audio/ogg", 4));
    h.staff("alpha", voiceNote);
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    StaffUpdate sticker = new StaffUpdate(41, ALPHA_CHAT, 1L, "Bia", null, null, Instant.now());
    h.staff("alpha", sticker);
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 2);
    h.settle();

    // The note reaches the model as a Telegram reference (the LLM activity fetches the bytes),
    // after who sent it; the bytes never enter the history or the transcript.
    assertThat(h.fakes.llm.requests)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.history())
                    .last()
                    .isEqualTo(
                        new ChatMessage(
                            ChatRole.USER,
                            List.of(
                                ChatPart.text("Bia (voice note):"),
                                ChatPart.media(
                                    MediaRef.telegram(
                                        "alpha", "AwACAgEAAxkBVoice", "audio/ogg"))))));
    assertThat(h.fakes.conversations.turns)
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.messages().get(0).parts().get(1).media().telegramFileId())
                    .isEqualTo("AwACAgEAAxkBVoice"));
    assertThat(h.fakes.telegram.to(ALPHA_CHAT).get(0).text()).isEqualTo("Olá! Resposta 1");
    assertThat(h.fakes.telegram.to(ALPHA_CHAT).get(1).text())
        .isEqualTo("Por aqui eu entendo mensagens de texto e de voz, fotos e PDFs.");
  }

  @Test
  void aPhotoOrAPdfIsLookedAtByReferenceWithItsCaption() {
    h.staff(
        "alpha",
        new StaffUpdate(
            42,
            ALPHA_CHAT,
            1L,
            "Bia",
            "cria uma tarefa com isto",
            null,
            Instant.now(),
            null,
            new StaffUpdate.Attachment("AgACAgEPhoto", "image/jpeg")));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    h.staff(
        "alpha",
        new StaffUpdate(
            43,
            ALPHA_CHAT,
            1L,
            null,
            null,
            null,
            Instant.now(),
            null,
            new StaffUpdate.Attachment("BQACAgEPdf", "application/pdf")));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 2);
    h.settle();

    assertThat(h.fakes.llm.requests).hasSize(2);
    assertThat(h.fakes.llm.requests.get(0).history())
        .last()
        .isEqualTo(
            new ChatMessage(
                ChatRole.USER,
                List.of(
                    ChatPart.text("Bia (photo): cria uma tarefa com isto"),
                    ChatPart.media(MediaRef.telegram("alpha", "AgACAgEPhoto", "image/jpeg")))));
    assertThat(h.fakes.llm.requests.get(1).history())
        .last()
        .isEqualTo(
            new ChatMessage(
                ChatRole.USER,
                List.of(
                    ChatPart.media(MediaRef.telegram("alpha", "BQACAgEPdf", "application/pdf")))));
    assertThat(h.fakes.telegram.to(ALPHA_CHAT))
        .extracting(TelegramMessage::text)
        .containsExactly("Olá! Resposta 1", "Olá! Resposta 2");
    // Only runs that met an attachment record its marker.
    assertThat(
            HistoryMarkers.versions(
                h.client.fetchHistory(StaffStart.workflowId("alpha", ALPHA_CHAT)).getEvents()))
        .contains(Changes.STAFF_ATTACHMENTS);
  }

  @Test
  void aRepeatedUpdateIsAnsweredOnceAndUpdatesAreAnsweredInUpdateIdOrder() {
    h.staff("alpha", h.staffText(ALPHA_CHAT, 21, "segunda"));
    h.staff("alpha", h.staffText(ALPHA_CHAT, 20, "primeira"));
    h.staff("alpha", h.staffText(ALPHA_CHAT, 21, "segunda"));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 2);
    h.settle();

    assertThat(h.fakes.llm.requests).hasSize(2);
    assertThat(h.fakes.llm.requests.get(0).history())
        .last()
        .satisfies(m -> assertThat(m.joinedText()).isEqualTo("Bia: primeira"));
    assertThat(h.fakes.llm.requests.get(1).history().stream().map(ChatMessage::joinedText))
        .containsExactly("Bia: primeira", "Olá! Resposta 1", "Bia: segunda");
  }

  @Test
  void aSystemAdminMayAddressAnyClinicButAClinicChatMayNotAddressAnother() {
    h.fakes.tenants.adminChats.add(ADMIN);
    StaffUpdate fromAdmin =
        new StaffUpdate(30, ADMIN, ADMIN, "Root", "uso do mês?", "beta", Instant.now());
    h.staff("beta", fromAdmin);
    h.eventually(() -> h.fakes.telegram.to(ADMIN).size() == 1);
    assertThat(h.fakes.llm.requests.get(0).systemInstruction()).contains("Clinic beta");
    assertThat(h.fakes.llm.requests.get(0).toolScope())
        .isEqualTo(new ToolScope("beta", ToolScope.Audience.STAFF));

    StaffUpdate crossing =
        new StaffUpdate(31, ALPHA_CHAT, 1L, "Bia", "agenda da beta", "beta", Instant.now());
    h.staff("beta", crossing);
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    h.settle();
    assertThat(h.fakes.telegram.to(ALPHA_CHAT).get(0).text()).contains("não está autorizado");
    assertThat(h.fakes.llm.requests).hasSize(1);
  }

  /**
   * The API hands a {@code /clinica <id>} naming no clinic to the chat's own assistant: a clinic's
   * chat that names another clinic is refused there too, never answered as its own clinic.
   */
  @Test
  void aClinicChatNamingAnotherClinicInItsOwnChatIsRefused() {
    StaffUpdate naming =
        new StaffUpdate(32, ALPHA_CHAT, 1L, "Bia", "oi", "made-up-7", Instant.now());
    h.staff("alpha", naming);
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    h.settle();

    assertThat(h.fakes.telegram.to(ALPHA_CHAT).get(0).text()).contains("não está autorizado");
    assertThat(h.fakes.llm.requests).isEmpty();
  }

  @Test
  void aDisconnectIsAnnouncedOnceAndTheReconnectionOnce() {
    h.alertStaff(ALPHA_CHAT, StaffAlert.connection("alpha", "alpha_instance", "close"));
    h.alertStaff(ALPHA_CHAT, StaffAlert.connection("alpha", "alpha_instance", "close"));
    h.alertStaff(ALPHA_CHAT, StaffAlert.connection("alpha", "alpha_instance", "connecting"));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    h.settle();
    assertThat(h.fakes.telegram.to(ALPHA_CHAT)).hasSize(1);
    assertThat(h.fakes.telegram.to(ALPHA_CHAT).get(0).text())
        .contains("WhatsApp disconnected")
        .contains("alpha_instance");

    // Idle for longer than the idle timeout: still remembers the instance is down.
    h.pass(Duration.ofHours(30));
    assertThat(h.staffChat("alpha", ALPHA_CHAT).state().disconnectedInstances())
        .containsExactly("alpha_instance");
    h.alertStaff(ALPHA_CHAT, StaffAlert.connection("alpha", "alpha_instance", "open"));
    h.alertStaff(ALPHA_CHAT, StaffAlert.connection("alpha", "alpha_instance", "open"));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 2);
    h.settle();
    assertThat(h.fakes.telegram.to(ALPHA_CHAT)).hasSize(2);
    assertThat(h.fakes.telegram.to(ALPHA_CHAT).get(1).text()).contains("WhatsApp reconnected");
    assertThat(h.fakes.llm.requests).isEmpty();
  }

  /**
   * An outage: one conversation's alert is being sent (Telegram makes the chat wait) while three
   * more conversations fail. Those three go out as one list, not three messages.
   */
  @Test
  void needsAttentionAlertsWaitingTogetherGoOutAsOneList() throws Exception {
    java.util.concurrent.CountDownLatch telegramAnswers =
        new java.util.concurrent.CountDownLatch(1);
    h.fakes.telegram.gate = telegramAnswers;
    h.alertStaff(ALPHA_CHAT, StaffHistoryRecorder.attention("5511900000001"));
    h.eventually(() -> h.fakes.telegram.atGate.get() == 1);
    for (String phone : List.of("5511900000002", "5511900000003", "5511900000004")) {
      h.alertStaff(ALPHA_CHAT, StaffHistoryRecorder.attention(phone));
    }
    Thread.sleep(300); // the signals reach the assistant while its send waits
    h.fakes.telegram.gate = null;
    telegramAnswers.countDown();
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() >= 2);
    h.settle();

    List<String> texts = h.fakes.telegram.to(ALPHA_CHAT).stream().map(m -> m.text()).toList();
    assertThat(texts).hasSize(2);
    assertThat(texts.get(0))
        .contains("Uma conversa precisa de atenção", "5511900000001", "o que ele escreveu");
    assertThat(texts.get(1))
        .contains("3 conversas precisam de atenção")
        .contains(
            "patient:alpha:5511900000002 (UPSTREAM_UNAVAILABLE)",
            "patient:alpha:5511900000003",
            "patient:alpha:5511900000004")
        .doesNotContain("5511900000001");
  }

  @Test
  void aKeyedAlertIsAnnouncedOnceInTheClinicsLanguage() {
    StaffAlert quota =
        StaffAlert.quota(
                "alpha", 80, new QuotaUsage(true, 80, 100, Instant.parse("2026-11-01T03:00:00Z")))
            .forClinic("Clínica Alpha", "pt-BR");
    h.alertStaff(ALPHA_CHAT, quota);
    h.alertStaff(ALPHA_CHAT, quota);
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    h.settle();
    assertThat(h.fakes.telegram.to(ALPHA_CHAT))
        .singleElement()
        .satisfies(m -> assertThat(m.text()).contains("Clínica Alpha usou 80%").contains("80/100"));
  }

  @Test
  void quotaThresholdsOfPatientTurnsAreAlertedOncePerPeriod() {
    h.fakes.tenants.limit = 5;
    String phone = "5511900000001";
    for (int i = 1; i <= 6; i++) {
      h.deliver("alpha", phone, h.text("alpha", phone, "q" + i, "mensagem " + i));
      int expected = Math.min(i, 5);
      h.eventually(() -> h.fakes.tenants.counted.get() == expected);
      h.settle();
    }
    assertThat(h.fakes.alerts.raised).extracting(StaffAlert::percent).containsExactly(80, 100);
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 2);
    assertThat(h.fakes.telegram.to(ALPHA_CHAT).get(0).text()).contains("80%").contains("4/5");
    assertThat(h.fakes.telegram.to(ALPHA_CHAT).get(1).text()).contains("100%").contains("5/5");
  }

  @Test
  void anUnusedStaffChatCompletesWhenIdle() {
    h.staff("alpha", h.staffText(ALPHA_CHAT, 40, "oi"));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    h.pass(Duration.ofHours(25));
    WorkflowStub.fromTyped(h.staffChat("alpha", ALPHA_CHAT)).getResult(Void.class);
  }

  /** A staff chat keeps one idle timer per run too: later updates cancel none and start none. */
  @Test
  void aBusyStaffChatKeepsOneIdleTimer() {
    h.staff("alpha", h.staffText(ALPHA_CHAT, 50, "oi"));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
    h.pass(Duration.ofMinutes(10));
    h.staff("alpha", h.staffText(ALPHA_CHAT, 51, "agenda de hoje?"));
    h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 2);
    h.settle();

    var events =
        h.client
            .fetchHistory(StaffStart.workflowId("alpha", ALPHA_CHAT))
            .getHistory()
            .getEventsList();
    assertThat(
            events.stream()
                .filter(e -> e.hasTimerStartedEventAttributes())
                .filter(
                    e ->
                        e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds()
                            > 60)
                .count())
        .as("idle timers (the order window's are shorter)")
        .isEqualTo(1);
    assertThat(events).noneMatch(e -> e.hasTimerCanceledEventAttributes());
  }
}
