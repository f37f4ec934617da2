package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.conversation.MemoryRequest;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.conversation.TurnRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class ConversationStoreActivitiesImplTest {

  private static final String PATIENT = "5511999990000";

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private final ConversationRepository conversations =
      new ConversationRepository(
          jdbc,
          new TransactionTemplate(new DataSourceTransactionManager(EmbeddedDatabase.dataSource())));
  private final ConversationStoreActivitiesImpl activities =
      new ConversationStoreActivitiesImpl(conversations);

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
  }

  @Test
  void savingTheSameTurnTwiceStoresItOnce() {
    TurnRecord turn = turn("clinic-a", "turn-1", 3);

    activities.saveTurn(turn);
    activities.saveTurn(turn);

    assertThat(messageCount("clinic-a")).isEqualTo(3);
    assertThat(conversations.transcript("clinic-a", PATIENT, 10))
        .extracting(TranscriptEntry::position)
        .containsExactly(0, 1, 2);
  }

  @Test
  void aTurnThatCannotBeStoredLeavesNoConversationBehind() {
    // A message without a role breaks the NOT NULL of conversation_message.role: the insert of
    // the messages fails after the conversation row was written, and both must roll back.
    TurnRecord broken =
        new TurnRecord(
            "clinic-a",
            PATIENT,
            "wf",
            "t1",
            "Maria",
            List.of(new ChatMessage(null, List.of(ChatPart.text("x")))),
            true);

    assertThatThrownBy(() -> activities.saveTurn(broken))
        .isInstanceOf(DataIntegrityViolationException.class);

    assertThat(conversations.find("clinic-a", PATIENT)).isEmpty();
  }

  @Test
  void theMemoryWindowTakesWholeTurnsFromTheNewest() {
    activities.saveTurn(turn("clinic-a", "t1", 2));
    activities.saveTurn(turn("clinic-a", "t2", 4));
    activities.saveTurn(turn("clinic-a", "t3", 2));

    assertThat(memoryTurns(5)).containsExactly("t3", "t3");
    assertThat(memoryTurns(6)).containsExactly("t2", "t2", "t2", "t2", "t3", "t3");
    assertThat(memoryTurns(7)).containsExactly("t2", "t2", "t2", "t2", "t3", "t3");
    assertThat(memoryTurns(8)).containsExactly("t1", "t1", "t2", "t2", "t2", "t2", "t3", "t3");
    assertThat(memoryTurns(100)).hasSize(8);
  }

  @Test
  void theNewestTurnIsRememberedWholeEvenWhenLongerThanTheWindow() {
    activities.saveTurn(turn("clinic-a", "t1", 2));
    activities.saveTurn(turn("clinic-a", "t2", 4));

    assertThat(memoryTurns(1)).containsExactly("t2", "t2", "t2", "t2");
    assertThat(memoryTurns(0)).isEmpty();
  }

  @Test
  void theMemoryIsInTranscriptOrder() {
    activities.saveTurn(turn("clinic-a", "t1", 2));
    activities.saveTurn(turn("clinic-a", "t2", 2));

    List<String> texts =
        activities.loadMemory(new MemoryRequest("clinic-a", PATIENT, 10)).messages().stream()
            .map(ChatMessage::joinedText)
            .toList();

    assertThat(texts).containsExactly("t1 #0", "t1 #1", "t2 #0", "t2 #1");
  }

  @Test
  void everyKindOfPartSurvivesTheRoundTrip() {
    List<ChatMessage> messages =
        List.of(
            new ChatMessage(
                ChatRole.USER,
                List.of(
                    ChatPart.text("Quero marcar uma consulta"),
                    ChatPart.media(
                        new MediaRef("clinic-a", "instance-a", "3EB0AUDIO", "audio/ogg")))),
            new ChatMessage(
                ChatRole.MODEL,
                List.of(
                    ChatPart.toolCall(
                        new ToolCall(
                            "call-1",
                            "create_appointment",
                            Map.of(
                                "start",
                                "2025-03-10T09:00:00-03:00",
                                "minutes",
                                30,
                                "confirmed",
                                true,
                                "tags",
                                List.of("first-visit"))),
                        "c2lnbmF0dXJlLWJ5dGVz"))),
            new ChatMessage(
                ChatRole.USER,
                List.of(
                    ChatPart.toolResult(
                        new ToolResult(
                            "call-1",
                            "create_appointment",
                            Map.of("event_id", "evt-9", "slot", Map.of("free", false)))))),
            new ChatMessage(ChatRole.MODEL, List.of(ChatPart.text("Marcado para segunda, 9h."))),
            new ChatMessage(ChatRole.STAFF, List.of(ChatPart.text("Confirmado pela recepção"))));

    activities.saveTurn(
        new TurnRecord("clinic-a", PATIENT, "wf", "turn-1", "Maria", messages, true));

    assertThat(activities.loadMemory(new MemoryRequest("clinic-a", PATIENT, 20)).messages())
        .isEqualTo(messages);
  }

  @Test
  void theSameContactAtTwoClinicsNeverSharesMessages() {
    activities.saveTurn(turn("clinic-a", "same-key", 2));
    activities.saveTurn(turn("clinic-b", "same-key", 3));

    assertThat(memoryTurns(10)).hasSize(2);
    assertThat(activities.loadMemory(new MemoryRequest("clinic-b", PATIENT, 10)).messages())
        .hasSize(3)
        .allMatch(m -> m.joinedText().startsWith("same-key"));
    assertThat(conversations.transcript("clinic-b", PATIENT, 10)).hasSize(3);
    assertThat(activities.loadMemory(new MemoryRequest("clinic-a", "5511000000000", 10)).messages())
        .isEmpty();
  }

  @Test
  void aTurnCreatesTheConversationAndRecordsItsTimes() {
    activities.saveTurn(
        new TurnRecord("clinic-a", PATIENT, "wf-1", "t1", "Maria", messages("t1", 1), false));
    ConversationSummary unanswered = conversations.find("clinic-a", PATIENT).orElseThrow();
    activities.saveTurn(
        new TurnRecord("clinic-a", PATIENT, "wf-2", "t2", null, messages("t2", 2), true));
    ConversationSummary answered = conversations.find("clinic-a", PATIENT).orElseThrow();

    assertThat(unanswered.displayName()).isEqualTo("Maria");
    assertThat(unanswered.lastInboundAt()).isNotNull();
    assertThat(unanswered.lastReplyAt()).isNull();
    assertThat(unanswered.status()).isEqualTo(ConversationStatus.ACTIVE);
    assertThat(answered.displayName()).isEqualTo("Maria");
    assertThat(answered.workflowId()).isEqualTo("wf-2");
    assertThat(answered.lastReplyAt()).isNotNull();
    assertThat(answered.channel()).isEqualTo("WHATSAPP");
  }

  @Test
  void aConversationNeedsAttentionUntilItIsActiveAgain() {
    activities.saveTurn(turn("clinic-a", "t1", 1));

    activities.changeStatus(
        new StatusChange(
            "clinic-a",
            PATIENT,
            "wf",
            ConversationStatus.NEEDS_ATTENTION,
            null,
            "UPSTREAM_UNAVAILABLE in Llm.generate"));

    ConversationSummary failing = conversations.find("clinic-a", PATIENT).orElseThrow();
    assertThat(failing.status()).isEqualTo(ConversationStatus.NEEDS_ATTENTION);
    assertThat(failing.needsAttentionSince()).isNotNull();
    assertThat(failing.lastError()).isEqualTo("UPSTREAM_UNAVAILABLE in Llm.generate");
    assertThat(conversations.listNeedingAttention("clinic-a"))
        .extracting(ConversationSummary::contact)
        .containsExactly(PATIENT);
    assertThat(conversations.listNeedingAttention("clinic-b")).isEmpty();
    assertThat(conversations.listNeedingAttentionInAllTenants(null, 10)).hasSize(1);

    activities.changeStatus(
        new StatusChange("clinic-a", PATIENT, "wf", ConversationStatus.ACTIVE, null, null));

    ConversationSummary recovered = conversations.find("clinic-a", PATIENT).orElseThrow();
    assertThat(recovered.status()).isEqualTo(ConversationStatus.ACTIVE);
    assertThat(recovered.needsAttentionSince()).isNull();
    assertThat(recovered.lastError()).isEqualTo("UPSTREAM_UNAVAILABLE in Llm.generate");
    assertThat(conversations.listNeedingAttention("clinic-a")).isEmpty();
  }

  /** What an operator's "retry every conversation Gemini's outage left waiting" selects. */
  @Test
  void theAttentionListsFilterByTheFailureTypeAndStopAtTheLimit() throws Exception {
    waiting("clinic-a", "5511900000101", "UPSTREAM_UNAVAILABLE");
    Thread.sleep(5);
    waiting("clinic-a", "5511900000102", "LLM_REFUSED");
    Thread.sleep(5);
    waiting("clinic-a", "5511900000103", "UPSTREAM_UNAVAILABLE");
    Thread.sleep(5);
    waiting("clinic-b", "5511900000104", "UPSTREAM_UNAVAILABLE");

    assertThat(conversations.listNeedingAttention("clinic-a", "upstream_unavailable", 10))
        .extracting(ConversationSummary::contact)
        .containsExactly("5511900000101", "5511900000103");
    assertThat(conversations.listNeedingAttention("clinic-a", null, 2))
        .extracting(ConversationSummary::contact)
        .containsExactly("5511900000101", "5511900000102");
    assertThat(conversations.listNeedingAttention("clinic-b", "LLM_REFUSED", 10)).isEmpty();
    assertThat(conversations.listNeedingAttentionInAllTenants("UPSTREAM_UNAVAILABLE", 10))
        .extracting(ConversationSummary::contact)
        .containsExactly("5511900000101", "5511900000103", "5511900000104");
    assertThat(conversations.listNeedingAttentionInAllTenants("UPSTREAM_UNAVAILABLE", 1))
        .extracting(ConversationSummary::contact)
        .containsExactly("5511900000101");
  }

  /** The numbers behind the attention gauges: every active clinic, its waiting, its oldest. */
  @Test
  void attentionPerActiveClinicCountsWaitingConversationsAndTheOldestSince() throws Exception {
    EmbeddedDatabase.insertTenant("clinic-c", "instance-c", null);
    EmbeddedDatabase.jdbc()
        .sql("UPDATE tenant_config SET is_active = false WHERE tenant_id = 'clinic-c'")
        .update();
    waiting("clinic-a", "5511900000101", "UPSTREAM_UNAVAILABLE");
    Thread.sleep(5);
    waiting("clinic-a", "5511900000102", "LLM_REFUSED");
    waiting("clinic-c", "5511900000103", "UPSTREAM_UNAVAILABLE");
    activities.saveTurn(turn("clinic-b", "t1", 1));

    List<TenantAttention> attention = conversations.attentionOfActiveTenants();

    assertThat(attention)
        .extracting(TenantAttention::tenantId, TenantAttention::waiting)
        .containsExactly(tuple("clinic-a", 2), tuple("clinic-b", 0));
    assertThat(attention.get(0).oldestSince())
        .isEqualTo(
            conversations.find("clinic-a", "5511900000101").orElseThrow().needsAttentionSince());
    assertThat(attention.get(1).oldestSince()).isNull();
  }

  private void waiting(String tenantId, String contact, String lastError) {
    activities.changeStatus(
        new StatusChange(
            tenantId,
            contact,
            "patient:" + tenantId + ":" + contact,
            ConversationStatus.NEEDS_ATTENTION,
            null,
            lastError));
  }

  @Test
  void aClinicsConversationsAreListedMostRecentlyChangedFirst() throws Exception {
    activities.saveTurn(turn("clinic-a", "t1", 1));
    Thread.sleep(5);
    activities.changeStatus(
        new StatusChange(
            "clinic-a",
            "5511900000002",
            "wf-2",
            ConversationStatus.PAUSED,
            Instant.now().plus(1, ChronoUnit.HOURS),
            null));
    Thread.sleep(5);
    activities.changeStatus(
        new StatusChange(
            "clinic-a", "5511900000003", "wf-3", ConversationStatus.NEEDS_ATTENTION, null, "X"));
    activities.changeStatus(
        new StatusChange(
            "clinic-b", "5511900000004", "wf-4", ConversationStatus.ACTIVE, null, null));

    assertThat(conversations.listRecent("clinic-a", null, 10))
        .extracting(ConversationSummary::contact)
        .containsExactly("5511900000003", "5511900000002", PATIENT);
    assertThat(conversations.listRecent("clinic-a", null, 2)).hasSize(2);
    assertThat(conversations.listRecent("clinic-a", ConversationStatus.PAUSED, 10))
        .extracting(ConversationSummary::contact)
        .containsExactly("5511900000002");
    assertThat(conversations.listRecent("clinic-b", null, 10))
        .extracting(ConversationSummary::contact)
        .containsExactly("5511900000004");
    assertThat(conversations.listRecent("clinic-c", null, 10)).isEmpty();
  }

  @Test
  void aRetriedNeedsAttentionKeepsTheFirstTime() throws Exception {
    StatusChange failing =
        new StatusChange(
            "clinic-a", PATIENT, "wf", ConversationStatus.NEEDS_ATTENTION, null, "LLM_REFUSED");
    activities.changeStatus(failing);
    Instant first = conversations.find("clinic-a", PATIENT).orElseThrow().needsAttentionSince();
    Thread.sleep(5);

    activities.changeStatus(failing);

    assertThat(conversations.find("clinic-a", PATIENT).orElseThrow().needsAttentionSince())
        .isEqualTo(first);
  }

  @Test
  void aPauseRecordsWhenTheBotResumes() {
    Instant until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    activities.changeStatus(
        new StatusChange("clinic-a", PATIENT, "wf", ConversationStatus.PAUSED, until, null));
    ConversationSummary paused = conversations.find("clinic-a", PATIENT).orElseThrow();
    activities.changeStatus(
        new StatusChange("clinic-a", PATIENT, "wf", ConversationStatus.ACTIVE, null, null));

    assertThat(paused.status()).isEqualTo(ConversationStatus.PAUSED);
    assertThat(paused.pausedUntil()).isEqualTo(until);
    assertThat(conversations.find("clinic-a", PATIENT).orElseThrow().pausedUntil()).isNull();
  }

  /** A row an earlier release recorded PAUSED without an end (a lifted handoff) reads ACTIVE. */
  @Test
  void aPauseRecordedWithoutAnEndReadsActive() {
    activities.changeStatus(
        new StatusChange(
            "clinic-a", PATIENT, "wf", ConversationStatus.PAUSED, null, "staff_handoff"));

    assertThat(conversations.find("clinic-a", PATIENT).orElseThrow().status())
        .isEqualTo(ConversationStatus.ACTIVE);
    assertThat(conversations.listRecent("clinic-a", ConversationStatus.PAUSED, 10)).isEmpty();
    assertThat(conversations.listRecent("clinic-a", ConversationStatus.ACTIVE, 10)).hasSize(1);
  }

  @Test
  void theTranscriptShowsTheLatestMessagesOldestFirst() {
    activities.saveTurn(turn("clinic-a", "t1", 3));
    activities.saveTurn(turn("clinic-a", "t2", 2));

    assertThat(conversations.transcript("clinic-a", PATIENT, 3))
        .extracting(e -> e.message().joinedText())
        .containsExactly("t1 #2", "t2 #0", "t2 #1");
  }

  /**
   * A patient talks by LID alone, then in their phone's conversation once a message carries both:
   * after the clinic learns the pair, each conversation remembers the other's turns, in the order
   * they were saved and within one window. Before it, and at another clinic, they stay apart.
   */
  @Test
  void aPatientsLidAndPhoneConversationsShareTheirMemoryOnceThePairIsLearned() {
    String lid = "lid:245000111222333";
    activities.saveTurn(turnOf("clinic-a", lid, "by-lid", 2));
    activities.saveTurn(turnOf("clinic-b", lid, "other-clinic", 2));
    activities.saveTurn(turnOf("clinic-a", PATIENT, "by-phone", 2));
    assertThat(memoryTurnsOf("clinic-a", PATIENT, 10)).containsExactly("by-phone", "by-phone");

    ContactIdentityRepository identities = new ContactIdentityRepository(jdbc);
    identities.learn("clinic-a", "245000111222333", PATIENT);
    identities.learn("clinic-b", "245000111222333", "5511000000009");
    activities.saveTurn(turnOf("clinic-a", lid, "by-lid-again", 2));

    assertThat(memoryTurnsOf("clinic-a", PATIENT, 10))
        .containsExactly(
            "by-lid", "by-lid", "by-phone", "by-phone", "by-lid-again", "by-lid-again");
    assertThat(memoryTurnsOf("clinic-a", lid, 10))
        .isEqualTo(memoryTurnsOf("clinic-a", PATIENT, 10));
    assertThat(memoryTurnsOf("clinic-a", PATIENT, 4))
        .containsExactly("by-phone", "by-phone", "by-lid-again", "by-lid-again");
    assertThat(memoryTurnsOf("clinic-b", lid, 10)).containsExactly("other-clinic", "other-clinic");
    // The operator's transcript of either conversation is the patient's, as their memory.
    assertThat(conversations.transcript("clinic-a", PATIENT, 10))
        .extracting(e -> e.message().joinedText().split(" ")[0])
        .containsExactly(
            "by-lid", "by-lid", "by-phone", "by-phone", "by-lid-again", "by-lid-again");
    assertThat(conversations.transcript("clinic-a", PATIENT, 3))
        .extracting(e -> e.message().joinedText())
        .containsExactly("by-phone #1", "by-lid-again #0", "by-lid-again #1");
    assertThat(conversations.transcript("clinic-b", lid, 10)).hasSize(2);
  }

  /**
   * A photo whose description failed in its own turn is described by a later turn's model call: the
   * words go beside the photo where it was saved, for the patient's later turns and the operator's
   * transcript, and nowhere else.
   */
  @Test
  void wordsHeardForAnEarlierPhotoAreKeptBesideItInItsOwnTurn() {
    MediaRef photo = new MediaRef("clinic-a", "instance-a", "3EB0PHOTO", "image/jpeg");
    MediaRef sameIdElsewhere = new MediaRef("clinic-b", "instance-b", "3EB0PHOTO", "image/jpeg");
    ChatMessage sent =
        new ChatMessage(ChatRole.USER, List.of(ChatPart.media(photo), ChatPart.text("isto")));
    activities.saveTurn(
        new TurnRecord(
            "clinic-a",
            PATIENT,
            "wf",
            "t1",
            null,
            List.of(sent, ChatMessage.modelText("Ok")),
            true));
    activities.saveTurn(
        new TurnRecord(
            "clinic-b",
            PATIENT,
            "wf",
            "t1",
            null,
            List.of(new ChatMessage(ChatRole.USER, List.of(ChatPart.media(sameIdElsewhere)))),
            false));

    TurnRecord later =
        new TurnRecord(
            "clinic-a",
            PATIENT,
            "wf",
            "t2",
            null,
            messages("t2", 2),
            true,
            List.of(new LlmReply.Transcript(photo, "Pedido de raio-X do tórax.")));
    activities.saveTurn(later);
    activities.saveTurn(later);

    List<ChatMessage> memory =
        activities.loadMemory(new MemoryRequest("clinic-a", PATIENT, 10)).messages();
    assertThat(memory).hasSize(4);
    assertThat(memory.get(0).parts())
        .containsExactly(
            ChatPart.media(photo).heard("Pedido de raio-X do tórax."), ChatPart.text("isto"));
    assertThat(
            activities
                .loadMemory(new MemoryRequest("clinic-b", PATIENT, 10))
                .messages()
                .get(0)
                .parts()
                .get(0)
                .transcript())
        .isNull();
    // Words it already has are kept: a later turn hearing it again changes nothing.
    activities.saveTurn(
        new TurnRecord(
            "clinic-a",
            PATIENT,
            "wf",
            "t3",
            null,
            messages("t3", 2),
            true,
            List.of(new LlmReply.Transcript(photo, "Outra descrição."))));
    assertThat(
            activities
                .loadMemory(new MemoryRequest("clinic-a", PATIENT, 10))
                .messages()
                .get(0)
                .parts()
                .get(0)
                .transcript())
        .isEqualTo("Pedido de raio-X do tórax.");
  }

  private List<String> memoryTurnsOf(String tenantId, String contact, int window) {
    return activities.loadMemory(new MemoryRequest(tenantId, contact, window)).messages().stream()
        .map(m -> m.joinedText().split(" ")[0])
        .toList();
  }

  private static TurnRecord turnOf(String tenantId, String contact, String key, int size) {
    return new TurnRecord(tenantId, contact, "wf", key, null, messages(key, size), true);
  }

  private List<String> memoryTurns(int window) {
    return activities.loadMemory(new MemoryRequest("clinic-a", PATIENT, window)).messages().stream()
        .map(m -> m.joinedText().split(" ")[0])
        .toList();
  }

  private static TurnRecord turn(String tenantId, String key, int size) {
    return new TurnRecord(tenantId, PATIENT, "wf", key, null, messages(key, size), true);
  }

  private static List<ChatMessage> messages(String key, int size) {
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String text = key + " #" + i;
      messages.add(i % 2 == 0 ? ChatMessage.userText(text) : ChatMessage.modelText(text));
    }
    return messages;
  }

  private long messageCount(String tenantId) {
    return jdbc.sql("SELECT count(*) FROM conversation_message WHERE tenant_id = :tenant_id")
        .param("tenant_id", tenantId)
        .query(Long.class)
        .single();
  }
}
