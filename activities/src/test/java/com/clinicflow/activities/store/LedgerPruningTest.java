package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.housekeeping.PruneReport;
import com.clinicflow.workflows.housekeeping.PruneRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class LedgerPruningTest {

  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  static final PruneRequest ROUND = new PruneRequest("quota-reset");

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    jdbc.sql("DELETE FROM telegram_update").update();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
  }

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** The default ledger retentions with these for the activity log, transcripts and batches. */
  private static RetentionProperties defaultsWith(
      Duration activityLog, Duration transcripts, int batchSize, int maxBatchesPerRound) {
    RetentionProperties d = RetentionProperties.defaults();
    return new RetentionProperties(
        d.inboundLedger(),
        d.telegramUpdates(),
        d.outboundLedger(),
        d.taskRequests(),
        activityLog,
        transcripts,
        batchSize,
        maxBatchesPerRound);
  }

  private LedgerPruning pruning(RetentionProperties retention) {
    return new LedgerPruning(jdbc, retention, Clock.fixed(NOW, ZoneOffset.UTC), meters);
  }

  @Test
  void deletesWhatOutlivedItsRetentionAndKeepsTheRest() {
    rowsAged(Duration.ofDays(8), "old"); // past the week of the two update ledgers
    rowsAged(Duration.ofDays(6), "recent");
    sendsAndLinesAged(Duration.ofDays(400), "ancient"); // past all retentions
    sendsAndLinesAged(Duration.ofDays(63), "stale"); // past the sends', not the log's
    sendsAndLinesAged(Duration.ofDays(30), "kept");

    PruneReport report = pruning(RetentionProperties.defaults()).pruneExpired(ROUND);

    assertThat(report).isEqualTo(new PruneReport(1, 2, 1, 2, 1, 0, 0, false));
    assertThat(keys("SELECT provider_message_id FROM processed_message")).containsOnly("recent");
    assertThat(keys("SELECT update_id::text FROM telegram_update")).containsOnly("2");
    assertThat(keys("SELECT idempotency_key FROM outbound_message")).containsOnly("kept");
    assertThat(keys("SELECT idempotency_key FROM task_request")).containsOnly("kept");
    assertThat(keys("SELECT event_type FROM tenant_activity_log"))
        .containsExactlyInAnyOrder("stale", "kept");
    assertThat(pruning(RetentionProperties.defaults()).pruneExpired(ROUND).total()).isZero();
  }

  @Test
  void aBacklogIsWorkedOffOverSeveralRounds() {
    for (int i = 0; i < 5; i++) {
      sendsAndLinesAged(Duration.ofDays(100 + i), "backlog-" + i);
    }
    RetentionProperties small = defaultsWith(Duration.ofDays(365), Duration.ZERO, 2, 2);

    PruneReport first = pruning(small).pruneExpired(ROUND);
    assertThat(first.outboundLedger()).isEqualTo(4);
    assertThat(first.more()).isTrue();
    assertThat(rounds("backlog")).isEqualTo(1);
    // Oldest first: what is left is the youngest.
    assertThat(keys("SELECT idempotency_key FROM outbound_message")).containsOnly("backlog-0");

    PruneReport second = pruning(small).pruneExpired(ROUND);
    assertThat(second.outboundLedger()).isEqualTo(1);
    assertThat(second.more()).isFalse();
  }

  @Test
  void aZeroRetentionKeepsThatTableForEver() {
    sendsAndLinesAged(Duration.ofDays(4000), "ancient");
    RetentionProperties keepLog = defaultsWith(Duration.ZERO, Duration.ZERO, 5000, 20);

    PruneReport report = pruning(keepLog).pruneExpired(ROUND);

    assertThat(report.activityLines()).isZero();
    assertThat(report.outboundLedger()).isEqualTo(1);
    assertThat(keys("SELECT event_type FROM tenant_activity_log")).containsOnly("ancient");
  }

  @Test
  void transcriptsAreKeptForEverUnlessTheClinicSetsARetention() {
    turnAged(Duration.ofDays(4000), "5511900000001", "ancient", 3);

    assertThat(pruning(RetentionProperties.defaults()).pruneExpired(ROUND).transcriptMessages())
        .isZero();
    assertThat(keys("SELECT turn_key FROM conversation_message")).hasSize(3);
  }

  @Test
  void transcriptsExpireByWholeTurnsAndForgottenConversationsGoWithThem() {
    turnAged(Duration.ofDays(200), "5511900000001", "old-1", 3); // a tool call, its result, reply
    turnAged(Duration.ofDays(190), "5511900000001", "old-2", 3);
    turnAged(Duration.ofDays(10), "5511900000001", "recent", 2);
    turnAged(Duration.ofDays(400), "5511900000002", "other-old", 2);
    // Waiting for an operator since long ago (a row's first insert sets its updated_at here: the
    // table's trigger stamps every update with now()).
    jdbc.sql(
            """
            INSERT INTO conversation (tenant_id, contact, workflow_id, status, updated_at)
            VALUES ('clinic-a', '5511900000003', 'patient:clinic-a:5511900000003',
                    'NEEDS_ATTENTION', :at)
            """)
        .param("at", at(Duration.ofDays(500)))
        .update();
    turnAged(Duration.ofDays(500), "5511900000003", "waiting", 1);
    // Paused by staff long ago, for longer than the retention: the pause still runs.
    jdbc.sql(
            """
            INSERT INTO conversation (tenant_id, contact, workflow_id, status, paused_until,
                                      updated_at)
            VALUES ('clinic-a', '5511900000005', 'patient:clinic-a:5511900000005', 'PAUSED',
                    now() + interval '1 day', :at)
            """)
        .param("at", at(Duration.ofDays(300)))
        .update();
    RetentionProperties halfYear =
        defaultsWith(Duration.ofDays(365), Duration.ofDays(180), 4, 1); // 4: an edge in old-1

    PruneReport first = pruning(halfYear).pruneExpired(ROUND);
    // Oldest first, waiting's message, other-old's two and one of old-1's: old-1 went whole.
    assertThat(first.transcriptMessages()).isEqualTo(6);
    assertThat(first.more()).isTrue();
    assertThat(keys("SELECT DISTINCT turn_key FROM conversation_message"))
        .containsExactlyInAnyOrder("old-2", "recent");
    // Left without a transcript and unchanged for the retention: forgotten, unless an operator
    // has it on the attention list or staff's pause still runs.
    assertThat(first.conversations()).isEqualTo(1);
    assertThat(keys("SELECT contact FROM conversation"))
        .containsExactlyInAnyOrder("5511900000001", "5511900000003", "5511900000005");

    PruneReport second = pruning(halfYear).pruneExpired(ROUND);
    assertThat(second.transcriptMessages()).isEqualTo(3);
    assertThat(second.conversations()).isZero();
    assertThat(second.more()).isFalse();
    assertThat(keys("SELECT DISTINCT turn_key FROM conversation_message")).containsOnly("recent");
  }

  @Test
  void aClinicsOwnRetentionOverridesTheDeployments() {
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
    EmbeddedDatabase.insertTenant("clinic-c", "instance-c", null);
    retentionDays("clinic-a", 30); // shorter than the deployment's
    retentionDays("clinic-b", 0); // a clinic that must keep its records: for ever
    for (String clinic : new String[] {"clinic-a", "clinic-b", "clinic-c"}) {
      turnAged(clinic, Duration.ofDays(200), "5511900000001", clinic + "-200d", 2);
      turnAged(clinic, Duration.ofDays(60), "5511900000001", clinic + "-60d", 2);
      turnAged(clinic, Duration.ofDays(5), "5511900000002", clinic + "-5d", 1);
    }
    RetentionProperties deploymentHalfYear =
        defaultsWith(Duration.ofDays(365), Duration.ofDays(180), 5000, 20);

    PruneReport report = pruning(deploymentHalfYear).pruneExpired(ROUND);

    assertThat(keys("SELECT DISTINCT turn_key FROM conversation_message"))
        .containsExactlyInAnyOrder(
            "clinic-a-5d", // 30 days: only the last 5 days' turn is left
            "clinic-b-200d", // for ever
            "clinic-b-60d",
            "clinic-b-5d",
            "clinic-c-60d", // the deployment's 180 days
            "clinic-c-5d");
    assertThat(report.transcriptMessages()).isEqualTo(6);
    // clinic-a's first patient is forgotten: no transcript left, unchanged for 200 days.
    assertThat(report.conversations()).isEqualTo(1);
    assertThat(
            keys(
                "SELECT tenant_id || '/' || contact FROM conversation WHERE tenant_id = 'clinic-a'"))
        .containsOnly("clinic-a/5511900000002");
    assertThat(report.more()).isFalse();
  }

  @Test
  void aClinicsTranscriptsExpireEvenWhenTheDeploymentKeepsThemForEver() {
    retentionDays("clinic-a", 90);
    turnAged(Duration.ofDays(120), "5511900000001", "old", 3);
    turnAged(Duration.ofDays(10), "5511900000001", "recent", 1);

    PruneReport report = pruning(RetentionProperties.defaults()).pruneExpired(ROUND);

    assertThat(report.transcriptMessages()).isEqualTo(3);
    assertThat(keys("SELECT turn_key FROM conversation_message")).containsOnly("recent");
  }

  @Test
  void oneClinicsBacklogDoesNotHoldUpAnothers() {
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
    for (int i = 0; i < 10; i++) { // clinic-a: the older backlog, ten one-message turns
      turnAged("clinic-a", Duration.ofDays(400 + i), "5511900000001", "a-" + i, 1);
    }
    turnAged("clinic-b", Duration.ofDays(300), "5511900000001", "b-0", 1);
    RetentionProperties twoBatchesOfTwo =
        defaultsWith(Duration.ofDays(365), Duration.ofDays(180), 2, 2);

    PruneReport first = pruning(twoBatchesOfTwo).pruneExpired(ROUND);

    // a's batch, then b's (short: b is done) although a's are older, then a's again; the round's
    // rows (two batches of two) are then spent, and the rest of a's backlog waits for the next.
    assertThat(keys("SELECT turn_key FROM conversation_message WHERE tenant_id = 'clinic-b'"))
        .isEmpty();
    assertThat(first.transcriptMessages()).isEqualTo(5);
    assertThat(first.more()).isTrue();
    // Oldest first within a clinic.
    assertThat(keys("SELECT turn_key FROM conversation_message WHERE tenant_id = 'clinic-a'"))
        .hasSize(6)
        .doesNotContain("a-9", "a-8", "a-7", "a-6");

    PruneReport second = pruning(twoBatchesOfTwo).pruneExpired(ROUND);
    assertThat(second.transcriptMessages()).isEqualTo(4);
    assertThat(keys("SELECT turn_key FROM conversation_message"))
        .containsExactlyInAnyOrder("a-0", "a-1");
  }

  @Test
  void manyClinicsSmallBacklogsShareOneRoundsRows() {
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
    EmbeddedDatabase.insertTenant("clinic-c", "instance-c", null);
    for (String clinic : new String[] {"clinic-a", "clinic-b", "clinic-c"}) {
      turnAged(clinic, Duration.ofDays(300), "5511900000001", clinic + "-old", 1);
    }
    // Two batches of two rows a round: three clinics' single expired messages take three short
    // batches, and fit in the round's four rows.
    PruneReport report =
        pruning(defaultsWith(Duration.ofDays(365), Duration.ofDays(180), 2, 2)).pruneExpired(ROUND);

    assertThat(report.transcriptMessages()).isEqualTo(3);
    assertThat(keys("SELECT turn_key FROM conversation_message")).isEmpty();
    assertThat(report.more()).isFalse();
  }

  private void retentionDays(String tenantId, int days) {
    jdbc.sql("UPDATE tenant_config SET transcript_retention_days = :days WHERE tenant_id = :tenant")
        .param("days", days)
        .param("tenant", tenantId)
        .update();
  }

  /** A turn of clinic-a's ({@link #turnAged(String, Duration, String, String, int)}). */
  private void turnAged(Duration age, String contact, String turnKey, int messages) {
    turnAged("clinic-a", age, contact, turnKey, messages);
  }

  /**
   * A turn of {@code messages} messages saved {@code age} ago in the contact's conversation with
   * the clinic (last changed then, if this creates it).
   */
  private void turnAged(
      String tenantId, Duration age, String contact, String turnKey, int messages) {
    jdbc.sql(
            """
            INSERT INTO conversation (tenant_id, contact, workflow_id, created_at, updated_at)
            VALUES (:tenant, :contact, 'patient:' || :tenant || ':' || :contact, :at, :at)
            ON CONFLICT (tenant_id, contact) DO NOTHING
            """)
        .param("tenant", tenantId)
        .param("contact", contact)
        .param("at", at(age))
        .update();
    for (int position = 0; position < messages; position++) {
      jdbc.sql(
              """
              INSERT INTO conversation_message (tenant_id, contact, turn_key, position, role,
                                                content, created_at)
              VALUES (:tenant, :contact, :turn_key, :position, 'model', '{}', :at)
              """)
          .param("tenant", tenantId)
          .param("contact", contact)
          .param("turn_key", turnKey)
          .param("position", position)
          .param("at", at(age))
          .update();
    }
  }

  @Test
  void countsWhatEachRoundDeletedAndWhenOneLastFinished() {
    rowsAged(Duration.ofDays(8), "old");
    sendsAndLinesAged(Duration.ofDays(400), "ancient");
    LedgerPruning pruning = pruning(RetentionProperties.defaults());
    assertThat(meters.get("clinicflow.housekeeping.last.round.timestamp").gauge().value()).isZero();

    pruning.pruneExpired(ROUND);
    pruning.pruneExpired(ROUND);

    assertThat(deletedRows("processed_message")).isEqualTo(1);
    assertThat(deletedRows("outbound_message")).isEqualTo(1);
    assertThat(deletedRows("tenant_activity_log")).isEqualTo(1);
    assertThat(
            meters
                .find("clinicflow.housekeeping.deleted.rows")
                .tag("table", "conversation")
                .counter())
        .isNull(); // nothing deleted, nothing said
    assertThat(rounds("done")).isEqualTo(2);
    assertThat(meters.get("clinicflow.housekeeping.last.round.timestamp").gauge().value())
        .isEqualTo(NOW.getEpochSecond());
  }

  @Test
  void aRoundThatFailsIsCountedAndLeavesTheLastFinishedOneAsItWas() {
    DriverManagerDataSource unreachable =
        new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
    LedgerPruning broken =
        new LedgerPruning(
            JdbcClient.create(unreachable),
            RetentionProperties.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            meters);

    assertThatThrownBy(() -> broken.pruneExpired(ROUND)).isInstanceOf(RuntimeException.class);

    assertThat(rounds("failed")).isEqualTo(1);
    assertThat(meters.find("clinicflow.housekeeping.rounds").tag("outcome", "done").counter())
        .isNull();
    assertThat(meters.get("clinicflow.housekeeping.last.round.timestamp").gauge().value()).isZero();
  }

  private double deletedRows(String table) {
    return meters.get("clinicflow.housekeeping.deleted.rows").tag("table", table).counter().count();
  }

  private double rounds(String outcome) {
    return meters.get("clinicflow.housekeeping.rounds").tag("outcome", outcome).counter().count();
  }

  /** An inbound claim and a Telegram update received {@code age} ago. */
  private void rowsAged(Duration age, String id) {
    OffsetDateTime at = at(age);
    jdbc.sql(
            """
            INSERT INTO processed_message (tenant_id, channel, provider_message_id, workflow_id,
                                           received_at)
            VALUES ('clinic-a', 'WHATSAPP', :id, 'patient:clinic-a:5511', :at)
            """)
        .param("id", id)
        .param("at", at)
        .update();
    jdbc.sql(
            """
            INSERT INTO telegram_update (bot_id, update_id, chat_id, workflow_id, received_at)
            VALUES ('bot', :update_id, -100, 'staff:clinic-a', :at)
            """)
        .param("update_id", id.equals("old") ? 1 : 2)
        .param("at", at)
        .update();
  }

  /**
   * A send, a task request and an activity-log line made {@code age} ago, all named {@code key}.
   */
  private void sendsAndLinesAged(Duration age, String key) {
    OffsetDateTime at = at(age);
    jdbc.sql(
            """
            INSERT INTO outbound_message (idempotency_key, tenant_id, channel, recipient, status,
                                          created_at)
            VALUES (:key, 'clinic-a', 'WHATSAPP', '5511', 'SENT', :at)
            """)
        .param("key", key)
        .param("at", at)
        .update();
    jdbc.sql(
            """
            INSERT INTO task_request (idempotency_key, tenant_id, list_id, created_at)
            VALUES (:key, 'clinic-a', 'list', :at)
            """)
        .param("key", key)
        .param("at", at)
        .update();
    jdbc.sql(
            """
            INSERT INTO tenant_activity_log (tenant_id, event_type, created_at)
            VALUES ('clinic-a', :key, :at)
            """)
        .param("key", key)
        .param("at", at)
        .update();
  }

  private static OffsetDateTime at(Duration age) {
    return NOW.minus(age).atOffset(ZoneOffset.UTC);
  }

  private java.util.List<String> keys(String sql) {
    return jdbc.sql(sql).query(String.class).list();
  }
}
