package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class PatientErasureTest {

  static final String PHONE = "5511999990000";
  static final String OTHER_PHONE = "5511888880000";
  static final String LID = "123456789012345";

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private final TransactionTemplate transactions =
      new TransactionTemplate(new DataSourceTransactionManager(EmbeddedDatabase.dataSource()));
  private final ConversationRepository conversations =
      new ConversationRepository(jdbc, transactions);
  private final ContactIdentityRepository identities = new ContactIdentityRepository(jdbc);
  private final ActivityLogRepository activityLog = new ActivityLogRepository(jdbc);
  private final InboundLedgerRepository inbound = new InboundLedgerRepository(jdbc);
  private final PatientErasure erasure =
      new PatientErasure(jdbc, transactions, identities, activityLog);

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
  }

  @Test
  void erasesThePatientUnderThePhoneAndItsLidsAndNothingElse() {
    identities.learn("clinic-a", LID, PHONE);
    recordPatient("clinic-a", PHONE, "m1");
    recordPatient("clinic-a", ConversationKey.lidContact(LID), "m2");
    recordPatient("clinic-a", OTHER_PHONE, "m3"); // another patient of the same clinic
    recordPatient("clinic-b", PHONE, "m4"); // the same phone at another clinic
    identities.learn("clinic-b", LID, PHONE);

    List<String> contacts = erasure.contactsOf("clinic-a", PHONE);
    assertThat(contacts).containsExactly(PHONE, "lid:" + LID);
    PatientErasure.Erased erased = erasure.erase("clinic-a", contacts, "dr-ana");

    assertThat(erased).isEqualTo(new PatientErasure.Erased(2, 4, 1, 2, 2, 2));
    assertThat(rowsMentioning("clinic-a", PHONE)).isZero();
    assertThat(rowsMentioning("clinic-a", LID)).isZero();
    assertThat(conversations.find("clinic-a", OTHER_PHONE)).isPresent();
    assertThat(conversations.transcript("clinic-a", OTHER_PHONE, 10)).hasSize(2);
    assertThat(rowsMentioning("clinic-a", OTHER_PHONE)).isEqualTo(6);
    assertThat(rowsMentioning("clinic-b", PHONE)).isEqualTo(7);
    assertThat(identities.phoneForLid("clinic-b", LID)).hasValue(PHONE);

    // The erasure is on the record, without the phone.
    ActivityLogRecord logged = activityLog.newestFirst("clinic-a", null, 1, 0).get(0);
    assertThat(logged.eventType()).isEqualTo("patient_erased");
    assertThat(logged.workflowId()).isNull();
    assertThat(logged.details())
        .containsEntry("requested_by", "dr-ana")
        .containsEntry("messages", 4)
        .containsEntry("contacts", 2);
    assertThat(logged.details().toString()).doesNotContain(PHONE).doesNotContain(LID);
  }

  @Test
  void aLidFindsThePhoneAndEveryOtherLidOfIt() {
    identities.learn("clinic-a", "111", PHONE);
    identities.learn("clinic-a", "222", PHONE);

    assertThat(erasure.contactsOf("clinic-a", "lid:111"))
        .containsExactlyInAnyOrder("lid:111", PHONE, "lid:222");
    assertThat(erasure.contactsOf("clinic-a", "lid:999")).containsExactly("lid:999");
  }

  @Test
  void aMessageRedeliveredAfterTheErasureIsStillADuplicate() {
    recordPatient("clinic-a", PHONE, "m1"); // signalled
    String workflowId = ConversationKey.workflowId("clinic-a", PHONE);
    inbound.claim("clinic-a", "WHATSAPP", "m2", workflowId); // claimed, its signal not recorded

    erasure.erase("clinic-a", erasure.contactsOf("clinic-a", PHONE), "dpo");

    for (String messageId : List.of("m1", "m2")) {
      assertThat(inbound.claim("clinic-a", "WHATSAPP", messageId, workflowId)).isFalse();
      assertThat(inbound.isSignalled("clinic-a", "WHATSAPP", messageId)).isTrue();
    }
    assertThat(rowsMentioning("clinic-a", PHONE)).isZero();
  }

  @Test
  void erasingAgainFindsNothing() {
    recordPatient("clinic-a", PHONE, "m1");
    erasure.erase("clinic-a", erasure.contactsOf("clinic-a", PHONE), "admin-api");

    assertThat(erasure.erase("clinic-a", erasure.contactsOf("clinic-a", PHONE), "admin-api"))
        .isEqualTo(new PatientErasure.Erased(0, 0, 0, 0, 0, 0));
  }

  /** A turn of two messages, its reply's ledger row, the message's claim and a log line. */
  private void recordPatient(String tenantId, String contact, String messageId) {
    String workflowId = ConversationKey.workflowId(tenantId, contact);
    conversations.saveTurn(
        new TurnRecord(
            tenantId,
            contact,
            workflowId,
            "turn-" + messageId,
            "Maria",
            List.of(ChatMessage.userText("Tenho consulta amanhã?"), ChatMessage.modelText("Sim")),
            true));
    jdbc.sql(
            """
            INSERT INTO outbound_message (idempotency_key, tenant_id, channel, recipient, status)
            VALUES (:key, :tenant_id, 'WHATSAPP', :recipient, 'SENT')
            """)
        .param("key", "turn-" + messageId + ":reply")
        .param("tenant_id", tenantId)
        .param("recipient", ConversationKey.recipient(contact))
        .update();
    inbound.claim(tenantId, "WHATSAPP", messageId, workflowId);
    activityLog.insert(
        new ActivityLogEntry(tenantId, "reply_sent", Map.of("turn_key", "t"), workflowId));
  }

  /** Rows of the clinic that name the phone or LID, in any table erasure covers. */
  private int rowsMentioning(String tenantId, String digits) {
    return jdbc.sql(
            """
            SELECT (SELECT count(*) FROM conversation WHERE tenant_id = :t AND contact LIKE :p)
                 + (SELECT count(*) FROM conversation_message
                     WHERE tenant_id = :t AND contact LIKE :p)
                 + (SELECT count(*) FROM contact_identity
                     WHERE tenant_id = :t AND (phone LIKE :p OR lid LIKE :p))
                 + (SELECT count(*) FROM outbound_message WHERE tenant_id = :t AND recipient LIKE :p)
                 + (SELECT count(*) FROM processed_message
                     WHERE tenant_id = :t AND workflow_id LIKE :p)
                 + (SELECT count(*) FROM tenant_activity_log
                     WHERE tenant_id = :t AND workflow_id LIKE :p)
            """)
        .param("t", tenantId)
        .param("p", "%" + digits + "%")
        .query(Integer.class)
        .single();
  }
}
