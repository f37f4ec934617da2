package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The health signals of one clinic, and never another clinic's. */
class TenantHealthRepositoryTest {

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private final TenantHealthRepository health = new TenantHealthRepository(jdbc);
  private final ActivityLogRepository log = new ActivityLogRepository(jdbc);

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
  }

  private void sql(String statement) {
    jdbc.sql(statement).update();
  }

  private void connection(String tenantId, String state, Object reason, String at) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("instance", "instance-a");
    details.put("state", state);
    details.put("status_reason", reason);
    log.insert(new ActivityLogEntry(tenantId, "whatsapp_connection", details, null));
    sql(
        "UPDATE tenant_activity_log SET created_at = '"
            + at
            + "' WHERE id = (SELECT max(id) FROM tenant_activity_log)");
  }

  @Test
  void aClinicWithNoTrafficHasNoSignals() {
    TenantHealthSignals signals = health.signals("clinic-a").orElseThrow();
    assertThat(signals)
        .isEqualTo(new TenantHealthSignals(null, null, null, null, null, null, null, null));
  }

  @Test
  void anUnknownTenantHasNoHealth() {
    assertThat(health.signals("nobody")).isEmpty();
  }

  @Test
  void readsTheNewestInboundReplyErrorAndConnectionOfTheClinicOnly() {
    sql(
        """
        INSERT INTO processed_message (tenant_id, channel, provider_message_id, workflow_id, received_at)
        VALUES ('clinic-a', 'WHATSAPP', 'm1', 'w', '2025-11-10T10:00:00Z'),
               ('clinic-a', 'WHATSAPP', 'm2', 'w', '2025-11-10T11:00:00Z'),
               ('clinic-b', 'WHATSAPP', 'm3', 'w', '2025-11-12T09:00:00Z');
        INSERT INTO outbound_message (idempotency_key, tenant_id, channel, recipient, status, sent_at, created_at, last_error)
        VALUES ('k1', 'clinic-a', 'WHATSAPP', '55', 'SENT', '2025-11-10T11:00:05Z', '2025-11-10T11:00:04Z', NULL),
               ('k2', 'clinic-a', 'WHATSAPP', '55', 'FAILED', NULL, '2025-11-10T09:00:00Z', 'UPSTREAM_UNAVAILABLE'),
               ('k3', 'clinic-b', 'WHATSAPP', '55', 'SENT', '2025-11-12T09:00:05Z', '2025-11-12T09:00:04Z', NULL),
               ('k4', 'clinic-b', 'WHATSAPP', '55', 'FAILED', NULL, '2025-11-12T09:30:00Z', 'BAD_REQUEST');
        """);
    log.insert(
        new ActivityLogEntry(
            "clinic-a",
            "needs_attention",
            Map.of("turn_key", "t1", "error", "LLM_REFUSED"),
            "patient:clinic-a:55"));
    sql(
        "UPDATE tenant_activity_log SET created_at = '2025-11-10T10:30:00Z'"
            + " WHERE event_type = 'needs_attention'");
    connection("clinic-a", "connecting", 200, "2025-11-10T08:00:00Z");
    connection("clinic-a", "close", 401, "2025-11-10T12:00:00Z");
    connection("clinic-b", "open", 200, "2025-11-12T12:00:00Z");

    TenantHealthSignals signals = health.signals("clinic-a").orElseThrow();

    assertThat(signals.lastInboundAt()).hasToString("2025-11-10T11:00:00Z");
    assertThat(signals.lastReplyAt()).hasToString("2025-11-10T11:00:05Z");
    assertThat(signals.lastError()).isEqualTo("LLM_REFUSED");
    assertThat(signals.lastErrorSource()).isEqualTo("conversation");
    assertThat(signals.lastErrorAt()).hasToString("2025-11-10T10:30:00Z");
    assertThat(signals.whatsappState()).isEqualTo("close");
    assertThat(signals.whatsappStatusReason()).isEqualTo(401);
    assertThat(signals.whatsappStateAt()).hasToString("2025-11-10T12:00:00Z");

    TenantHealthSignals other = health.signals("clinic-b").orElseThrow();
    assertThat(other.lastError()).isEqualTo("BAD_REQUEST");
    assertThat(other.lastErrorSource()).isEqualTo("whatsapp_send");
    assertThat(other.whatsappState()).isEqualTo("open");
  }

  @Test
  void aSandboxedReplyCountsAsAReplyAndAStatusReasonThatIsNotANumberIsLeftOut() {
    sql(
        """
        INSERT INTO outbound_message (idempotency_key, tenant_id, channel, recipient, status, created_at)
        VALUES ('k1', 'clinic-a', 'WHATSAPP', '55', 'SANDBOX', '2025-11-10T11:00:00Z')
        """);
    connection("clinic-a", "open", "n/a", "2025-11-10T12:00:00Z");

    TenantHealthSignals signals = health.signals("clinic-a").orElseThrow();

    assertThat(signals.lastReplyAt()).hasToString("2025-11-10T11:00:00Z");
    assertThat(signals.whatsappState()).isEqualTo("open");
    assertThat(signals.whatsappStatusReason()).isNull();
  }
}
