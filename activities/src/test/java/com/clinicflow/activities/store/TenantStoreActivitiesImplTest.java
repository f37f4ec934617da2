package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.QuotaRequest;
import com.clinicflow.workflows.tenant.QuotaUsage;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.clinicflow.workflows.tenant.TenantMatch;
import com.clinicflow.workflows.tenant.TurnCount;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class TenantStoreActivitiesImplTest {

  private static final long ADMIN_CHAT = 777L;

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private final TenantRepository repository = new TenantRepository(jdbc);
  private final TenantStoreActivitiesImpl activities =
      new TenantStoreActivitiesImpl(
          new CachedTenants(repository, null, Duration.ofSeconds(10), null),
          repository,
          new ActivityLogRepository(jdbc),
          Set.of(ADMIN_CHAT));

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", -100L);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", -200L);
  }

  @Test
  void aWhatsAppInstanceFindsItsClinic() {
    TenantMatch match = activities.findTenant(TenantLookup.whatsApp("instance-b", "wf", "turn-1"));

    assertThat(match.config().tenantId()).isEqualTo("clinic-b");
    assertThat(match.systemAdmin()).isFalse();
  }

  @Test
  void anUnknownInstanceFindsNothing() {
    assertThat(activities.findTenant(TenantLookup.whatsApp("instance-x", "wf", "turn-1")))
        .isEqualTo(TenantMatch.none());
  }

  @Test
  void aStaffChatFindsItsClinic() {
    TenantMatch match = activities.findTenant(TenantLookup.telegram(-100L, null, "wf"));

    assertThat(match.config().tenantId()).isEqualTo("clinic-a");
    assertThat(match.systemAdmin()).isFalse();
  }

  @Test
  void aStaffChatCannotAddressAnotherClinic() {
    TenantMatch match = activities.findTenant(TenantLookup.telegram(-100L, "clinic-b", "wf"));

    assertThat(match.config().tenantId()).isEqualTo("clinic-a");
    assertThat(match.systemAdmin()).isFalse();
  }

  @Test
  void anAdminChatAddressesAnyClinicByItsId() {
    TenantMatch match = activities.findTenant(TenantLookup.telegram(ADMIN_CHAT, "clinic-b", "wf"));

    assertThat(match.config().tenantId()).isEqualTo("clinic-b");
    assertThat(match.systemAdmin()).isTrue();
  }

  @Test
  void anAdminChatAddressingAnUnknownClinicIsStillAnAdmin() {
    assertThat(activities.findTenant(TenantLookup.telegram(ADMIN_CHAT, "clinic-x", "wf")))
        .isEqualTo(new TenantMatch(null, true));
  }

  @Test
  void anAdminChatWithoutATenantIsLookedUpAsAChat() {
    jdbc.sql(
            "UPDATE tenant_config SET telegram_internal_chat_id = 777 WHERE tenant_id = 'clinic-b'")
        .update();

    TenantMatch match = activities.findTenant(TenantLookup.telegram(ADMIN_CHAT, null, "wf"));

    assertThat(match.config().tenantId()).isEqualTo("clinic-b");
    assertThat(match.systemAdmin()).isTrue();
  }

  @Test
  void anUnknownChatFindsNothing() {
    assertThat(activities.findTenant(TenantLookup.telegram(-999L, "clinic-a", "wf")))
        .isEqualTo(TenantMatch.none());
  }

  @Test
  void countingAMessageReportsTheQuota() {
    QuotaUsage first = activities.countMessage(new QuotaRequest("clinic-a", "turn-1"));
    QuotaUsage second = activities.countMessage(new QuotaRequest("clinic-a", "turn-2"));

    assertThat(first.accepted()).isTrue();
    assertThat(first.count()).isEqualTo(1);
    assertThat(second.count()).isEqualTo(2);
    assertThat(second.limit()).isEqualTo(5000);
    assertThat(second.periodStart()).isNotNull();
  }

  /** A worker died before recording the count: the rerun gets the same answer, counts nothing. */
  @Test
  void aTurnCountedAgainGetsItsFirstAnswerAndIsCountedOnce() {
    QuotaUsage first = activities.countMessage(new QuotaRequest("clinic-a", "turn-1"));
    QuotaUsage rerun = activities.countMessage(new QuotaRequest("clinic-a", "turn-1"));
    QuotaUsage next = activities.countMessage(new QuotaRequest("clinic-a", "turn-2"));

    assertThat(rerun).isEqualTo(first);
    assertThat(first.count()).isEqualTo(1);
    assertThat(next.count()).isEqualTo(2);
  }

  /** Runs recorded before turn keys pass none: counted every time, as they always were. */
  @Test
  void aCountWithoutATurnKeyIsCountedEveryTime() {
    activities.countMessage(new QuotaRequest("clinic-a", null));
    QuotaUsage second = activities.countMessage(new QuotaRequest("clinic-a", null));

    assertThat(second.count()).isEqualTo(2);
  }

  /** The count of a turn writes the turn's log line, once per key however often it runs. */
  @Test
  void aTurnsCountWritesItsLogLineOnceWithTheCountItReports() {
    TurnCount turn = new TurnCount("clinic-a", "turn-1", "WHATSAPP", "patient:clinic-a:5511999");
    QuotaUsage first = activities.countTurn(turn);
    QuotaUsage rerun = activities.countTurn(turn);
    activities.countTurn(new TurnCount("clinic-a", "turn-2", "WHATSAPP", "patient:clinic-a:55"));

    assertThat(rerun).isEqualTo(first);
    List<Map<String, Object>> lines =
        jdbc.sql(
                """
                SELECT event_type, (details ->> 'count')::int AS count,
                       (details ->> 'limit')::int AS limit, details ->> 'channel' AS channel,
                       workflow_id
                  FROM tenant_activity_log WHERE tenant_id = 'clinic-a' ORDER BY id
                """)
            .query()
            .listOfRows();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .containsEntry("event_type", "message_received")
        .containsEntry("count", 1)
        .containsEntry("limit", 5000)
        .containsEntry("channel", "WHATSAPP")
        .containsEntry("workflow_id", "patient:clinic-a:5511999");
    assertThat(lines.get(1)).containsEntry("count", 2);
  }

  @Test
  void admittingAnActiveClinicsTurnFindsItAndCountsTheTurnOnceWithItsLogLine() {
    TenantLookup lookup = TenantLookup.whatsApp("instance-a", "patient:clinic-a:55", "turn-1");
    TenantMatch first = activities.admitTurn(lookup);
    TenantMatch rerun = activities.admitTurn(lookup);

    assertThat(first.config().tenantId()).isEqualTo("clinic-a");
    assertThat(first.usage().accepted()).isTrue();
    assertThat(first.usage().count()).isEqualTo(1);
    assertThat(rerun).isEqualTo(first);
    assertThat(
            jdbc.sql("SELECT event_type FROM tenant_activity_log WHERE tenant_id = 'clinic-a'")
                .query(String.class)
                .list())
        .containsExactly("message_received");
  }

  @Test
  void admittingCountsNothingForAnInactiveOrUnknownClinicOrAStaffChat() {
    jdbc.sql("UPDATE tenant_config SET is_active = false WHERE tenant_id = 'clinic-b'").update();

    TenantMatch inactive = activities.admitTurn(TenantLookup.whatsApp("instance-b", "wf", "t-1"));
    TenantMatch unknown = activities.admitTurn(TenantLookup.whatsApp("instance-x", "wf", "t-2"));
    TenantMatch staff = activities.admitTurn(TenantLookup.telegram(-100L, null, "wf"));

    assertThat(inactive.config().tenantId()).isEqualTo("clinic-b");
    assertThat(inactive.usage()).isNull();
    assertThat(unknown).isEqualTo(TenantMatch.none());
    assertThat(staff.config().tenantId()).isEqualTo("clinic-a");
    assertThat(staff.usage()).isNull();
    assertThat( // the deactivation's own configuration_changed line aside
            jdbc.sql(
                    "SELECT event_type FROM tenant_activity_log"
                        + " WHERE event_type <> 'configuration_changed'")
                .query(String.class)
                .list())
        .isEmpty();
    assertThat(
            jdbc.sql("SELECT coalesce(sum(current_message_count), 0) FROM tenant_config")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aTurnPastTheLimitIsLoggedAsQuotaExceeded() {
    jdbc.sql("UPDATE tenant_config SET monthly_message_limit = 1 WHERE tenant_id = 'clinic-a'")
        .update();
    activities.countTurn(new TurnCount("clinic-a", "turn-1", "WHATSAPP", "wf"));
    QuotaUsage over = activities.countTurn(new TurnCount("clinic-a", "turn-2", "WHATSAPP", "wf"));

    assertThat(over.accepted()).isFalse();
    assertThat(
            jdbc.sql(
                    "SELECT event_type FROM tenant_activity_log WHERE tenant_id = 'clinic-a'"
                        + " ORDER BY id")
                .query(String.class)
                .list())
        .containsExactly("configuration_changed", "message_received", "quota_exceeded");
  }

  @Test
  void countingATurnForAVanishedTenantFailsWithoutRetryAndLogsNothing() {
    assertThatThrownBy(
            () -> activities.countTurn(new TurnCount("clinic-x", "turn-1", "WHATSAPP", "wf")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("NOT_FOUND"));
    assertThat(jdbc.sql("SELECT count(*) FROM tenant_activity_log").query(Long.class).single())
        .isZero();
  }

  @Test
  void countingForAVanishedTenantFailsWithoutRetry() {
    assertThatThrownBy(() -> activities.countMessage(new QuotaRequest("clinic-x", "turn-1")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("NOT_FOUND");
              assertThat(f.isNonRetryable()).isTrue();
            });
  }

  @Test
  void recordingActivityWritesALogLineWithItsDetails() {
    activities.recordActivity(
        new ActivityLogEntry(
            "clinic-a",
            "message_received",
            Map.of("count", 3, "channel", "WHATSAPP"),
            "patient:clinic-a:5511999"));
    activities.recordActivity(
        new ActivityLogEntry(null, "unknown_tenant", Map.of("address", "instance x"), "wf-x"));

    Map<String, Object> row =
        jdbc.sql(
                """
                SELECT event_type, details ->> 'channel' AS channel,
                       (details ->> 'count')::int AS count, workflow_id
                  FROM tenant_activity_log WHERE tenant_id = 'clinic-a'
                """)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("event_type", "message_received")
        .containsEntry("channel", "WHATSAPP")
        .containsEntry("count", 3)
        .containsEntry("workflow_id", "patient:clinic-a:5511999");
    assertThat(
            jdbc.sql(
                    """
                    SELECT count(*) FROM tenant_activity_log
                     WHERE tenant_id IS NULL AND event_type = 'unknown_tenant'
                    """)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }
}
