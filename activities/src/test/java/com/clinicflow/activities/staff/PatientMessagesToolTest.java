package com.clinicflow.activities.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.activities.tools.ToolActivitiesImpl;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.MessageKind;
import com.clinicflow.workflows.patient.UnansweredMessage;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code patient_messages} against embedded PostgreSQL and a Temporal test server whose patient
 * conversations hold what {@link StaffToolsTest#heldUnanswered} says: what staff read of a
 * patient's talk.
 */
class PatientMessagesToolTest {

  static final String PATIENT = "5511900000020";

  TestWorkflowEnvironment env;
  ToolActivitiesImpl tools;
  ConversationRepository rows;
  PatientConversations conversations;
  JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    StaffToolsTest.heldUnanswered.clear();
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("alpha", "alpha_instance", -100L);
    EmbeddedDatabase.insertTenant("beta", "beta_instance", -200L);
    jdbc = EmbeddedDatabase.jdbc();
    CachedTenants tenants =
        new CachedTenants(new TenantRepository(jdbc), null, Duration.ofMillis(1), null);
    rows = new ConversationRepository(jdbc, TransactionOperations.withoutTransaction());
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker("q").registerWorkflowImplementationTypes(StaffToolsTest.RecordingPatient.class);
    env.start();
    conversations =
        new PatientConversations(env.getWorkflowClient(), "q", ConversationSettings.defaults());
    tools =
        new ToolActivitiesImpl(
            List.of(
                new StaffToolsConfiguration().patientMessagesTool(tenants, rows, conversations)));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void theToolIsOfferedToStaffOnly() {
    assertThat(tools.catalog(new ToolScope("alpha", ToolScope.Audience.PATIENT)).tools()).isEmpty();
    assertThat(tools.catalog(new ToolScope("alpha", ToolScope.Audience.STAFF)).tools())
        .extracting(ToolSpec::name)
        .containsExactly("patient_messages");
  }

  @Test
  void staffReadWhoSaidWhatAndWhenInTheClinicsTimeWithoutToolResults() {
    ToolCall booking = new ToolCall("c1", "book_appointment", Map.of("start", "2026-12-01T09:00"));
    MediaRef photo = new MediaRef("alpha", "alpha_instance", "M1", "image/jpeg");
    save(
        "alpha",
        PATIENT,
        "t1",
        ChatMessage.userText("Quero marcar amanhã às 9h"),
        new ChatMessage(ChatRole.MODEL, List.of(ChatPart.toolCall(booking, null))),
        new ChatMessage(
            ChatRole.USER,
            List.of(
                ChatPart.toolResult(
                    new ToolResult("c1", "book_appointment", Map.of("event_id", "secret-id"))))),
        ChatMessage.modelText("Marcado para amanhã às 9h."));
    save(
        "alpha",
        PATIENT,
        "t2",
        new ChatMessage(
            ChatRole.USER,
            List.of(
                ChatPart.media(photo).heard("Pedido de exame de sangue"),
                ChatPart.text("Preciso levar isto?"),
                ChatPart.media(new MediaRef("alpha", "alpha_instance", "M2", "audio/ogg")))),
        new ChatMessage(ChatRole.STAFF, List.of(ChatPart.text("Sim, traga o pedido."))));

    Map<String, Object> read = call("alpha", Map.of("contact", "+55 (11) 90000-0020"));

    assertThat(read).containsEntry("contact", PATIENT).containsEntry("name", "Maria");
    List<Map<String, Object>> messages = messages(read);
    assertThat(messages)
        .extracting(m -> m.get("from"))
        .containsExactly("patient", "assistant", "assistant", "patient", "clinic");
    assertThat(messages)
        .extracting(m -> m.get("text"))
        .containsExactly(
            "Quero marcar amanhã às 9h",
            null,
            "Marcado para amanhã às 9h.",
            "(photo) Pedido de exame de sangue\nPreciso levar isto?\n(voice note, not yet heard)",
            "Sim, traga o pedido.");
    assertThat(messages.get(1)).containsEntry("tools_used", List.of("book_appointment"));
    assertThat(messages.toString()).doesNotContain("secret-id");
    Instant savedAt =
        jdbc.sql("SELECT min(created_at) FROM conversation_message").query(Instant.class).single();
    assertThat(messages.get(0))
        .containsEntry(
            "at",
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(savedAt.atZone(ZoneId.of("America/Sao_Paulo"))));
  }

  /**
   * The message an alert is about is not in the transcript yet (a turn is saved once answered): the
   * waiting conversation's workflow tells it.
   */
  @Test
  void whatAWaitingPatientWroteComesFromTheirConversation() {
    save("alpha", PATIENT, "t1", ChatMessage.userText("Oi"), ChatMessage.modelText("Olá!"));
    Instant sent = Instant.parse("2026-11-30T12:05:00Z");
    StaffToolsTest.heldUnanswered.addAll(
        List.of(
            new UnansweredMessage(sent, MessageKind.TEXT, "Preciso remarcar amanhã"),
            new UnansweredMessage(sent.plusSeconds(60), MessageKind.AUDIO, null),
            new UnansweredMessage(sent.plusSeconds(90), MessageKind.IMAGE, "meu exame")));
    TenantConfig alpha = new TenantRepository(jdbc).findById("alpha").orElseThrow();
    conversations.pause(alpha, PATIENT, new BotPause(Duration.ZERO, "starts the workflow"));
    needsAttention("alpha", PATIENT);

    Map<String, Object> read = call("alpha", Map.of("contact", PATIENT));

    assertThat(messages(read)).extracting(m -> m.get("text")).containsExactly("Oi", "Olá!");
    assertThat(read.get("unanswered"))
        .isEqualTo(
            List.of(
                Map.of("at", "2026-11-30 09:05", "text", "Preciso remarcar amanhã"),
                Map.of("at", "2026-11-30 09:06", "text", "(voice note)"),
                Map.of("at", "2026-11-30 09:06", "text", "(photo) meu exame")));
  }

  @Test
  void aWaitingConversationTemporalCannotAskIsSaidSoAndTheTranscriptStillRead() {
    save("alpha", PATIENT, "t1", ChatMessage.userText("Oi"));
    needsAttention("alpha", PATIENT); // no workflow runs under its id

    Map<String, Object> read = call("alpha", Map.of("contact", PATIENT));

    assertThat(messages(read)).hasSize(1);
    assertThat((String) read.get("unanswered")).startsWith("could not be read just now");
  }

  @Test
  void aConversationNotWaitingHasNothingUnanswered() {
    save("alpha", PATIENT, "t1", ChatMessage.userText("Oi"));

    assertThat(call("alpha", Map.of("contact", PATIENT))).doesNotContainKey("unanswered");
  }

  @Test
  void anotherClinicsPatientOfTheSameNumberIsNotRead() {
    save("beta", PATIENT, "t1", ChatMessage.userText("Mensagem para a outra clínica"));

    Map<String, Object> read = call("alpha", Map.of("contact", PATIENT));

    assertThat(messages(read)).isEmpty();
    assertThat(read).containsEntry("name", null);
  }

  @Test
  void aPatientKnownByLidAlsoReadsWhatTheySaidUnderTheirPhone() {
    String lid = ConversationKey.LID_PREFIX + "98765432101234";
    save("alpha", PATIENT, "t1", ChatMessage.userText("Pelo número"));
    jdbc.sql("INSERT INTO contact_identity (tenant_id, lid, phone) VALUES ('alpha', :lid, :phone)")
        .param("lid", lid.substring(ConversationKey.LID_PREFIX.length()))
        .param("phone", PATIENT)
        .update();
    save("alpha", lid, "t2", ChatMessage.userText("Pelo LID"));

    assertThat(messages(call("alpha", Map.of("contact", lid))))
        .extracting(m -> m.get("text"))
        .containsExactly("Pelo número", "Pelo LID");
  }

  @Test
  void theLatestAreShownOldestFirstAndLongTextsAreCut() {
    for (int i = 1; i <= 12; i++) {
      save("alpha", PATIENT, "t" + i, ChatMessage.userText("mensagem " + i));
    }
    save("alpha", PATIENT, "t13", ChatMessage.modelText("x".repeat(2_000)));

    List<Map<String, Object>> shown = messages(call("alpha", Map.of("contact", PATIENT)));
    List<Map<String, Object>> three =
        messages(call("alpha", Map.of("contact", PATIENT, "limit", 3)));

    assertThat(shown).hasSize(PatientMessagesTool.DEFAULT_SHOWN);
    assertThat(shown.get(0)).containsEntry("text", "mensagem 4");
    String cut = (String) shown.get(shown.size() - 1).get("text");
    assertThat(cut).hasSize(PatientMessagesTool.MAX_TEXT).endsWith("…");
    assertThat(three).extracting(m -> m.get("text")).element(0).isEqualTo("mensagem 11");
  }

  @Test
  void aWrongContactOrLimitIsToldToTheModel() {
    assertThat(call("alpha", Map.of("contact", "Maria")))
        .hasEntrySatisfying("error", e -> assertThat((String) e).startsWith("contact must be"));
    assertThat(call("alpha", Map.of("contact", PATIENT, "limit", 500)))
        .containsEntry("error", "limit must be between 1 and " + PatientMessagesTool.MAX_SHOWN);
  }

  private void save(String tenant, String contact, String turnKey, ChatMessage... messages) {
    rows.saveTurn(
        new TurnRecord(
            tenant,
            contact,
            ConversationKey.workflowId(tenant, contact),
            turnKey,
            "Maria",
            List.of(messages),
            true));
  }

  private void needsAttention(String tenant, String contact) {
    AttentionToolsTest.needsAttention(rows, tenant, contact, "UPSTREAM_UNAVAILABLE");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> messages(Map<String, Object> read) {
    return (List<Map<String, Object>>) read.get("messages");
  }

  private Map<String, Object> call(String tenant, Map<String, Object> args) {
    return tools.invoke(StaffToolsTest.staffCall(tenant, "k", "patient_messages", args)).response();
  }
}
