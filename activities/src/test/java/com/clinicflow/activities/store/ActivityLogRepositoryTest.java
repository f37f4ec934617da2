package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivityLogRepositoryTest {

  private final ActivityLogRepository log = new ActivityLogRepository(EmbeddedDatabase.jdbc());

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
  }

  @Test
  void pagesAreNewestFirstAndOnlyTheTenantsOwn() {
    for (int i = 1; i <= 5; i++) {
      log.insert(new ActivityLogEntry("clinic-a", "event-" + i, Map.of("n", i), "wf-a"));
    }
    log.insert(new ActivityLogEntry("clinic-b", "other", Map.of(), "wf-b"));

    List<ActivityLogRecord> first = log.newestFirst("clinic-a", null, 2, 0);
    List<ActivityLogRecord> third = log.newestFirst("clinic-a", null, 2, 4);

    assertThat(first)
        .extracting(ActivityLogRecord::eventType)
        .containsExactly("event-5", "event-4");
    assertThat(third).extracting(ActivityLogRecord::eventType).containsExactly("event-1");
    ActivityLogRecord newest = first.get(0);
    assertThat(newest.tenantId()).isEqualTo("clinic-a");
    assertThat(newest.details()).containsEntry("n", 5);
    assertThat(newest.workflowId()).isEqualTo("wf-a");
    assertThat(newest.createdAt()).isNotNull();
    assertThat(newest.id()).isPositive();
  }

  @Test
  void aPageOfOneKindSkipsTheOthersAndOtherClinicsLines() {
    for (int i = 1; i <= 4; i++) {
      log.insert(new ActivityLogEntry("clinic-a", "message_received", Map.of("n", i), "wf-a"));
      log.insert(new ActivityLogEntry("clinic-a", "needs_attention", Map.of("n", i), "wf-a"));
    }
    log.insert(new ActivityLogEntry("clinic-b", "needs_attention", Map.of("n", 9), "wf-b"));

    List<ActivityLogRecord> page = log.newestFirst("clinic-a", "needs_attention", 2, 1);

    assertThat(page)
        .extracting(r -> r.eventType() + r.details().get("n"))
        .containsExactly("needs_attention3", "needs_attention2");
    assertThat(log.newestFirst("clinic-a", "whatsapp_connection", 10, 0)).isEmpty();
  }

  @Test
  void anEntryForADeletedTenantIsDroppedInsteadOfFailingForever() {
    boolean written = log.insert(new ActivityLogEntry("gone", "message_received", null, "wf"));

    assertThat(written).isFalse();
  }
}
