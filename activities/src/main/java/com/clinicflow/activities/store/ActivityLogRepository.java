package com.clinicflow.activities.store;

import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A clinic's activity log ({@code tenant_activity_log}): append, and read newest first. */
public class ActivityLogRepository {

  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private final JdbcClient jdbc;

  public ActivityLogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Appends one line. An entry for a tenant that no longer exists is dropped rather than failing on
   * the foreign key: an activity retrying it could never succeed, and the tenant's log went with
   * it. A null tenant id records an event no clinic could be tied to.
   *
   * @return whether a line was written
   */
  public boolean insert(ActivityLogEntry entry) {
    return jdbc.sql(
                """
                INSERT INTO tenant_activity_log (tenant_id, event_type, details, workflow_id)
                SELECT CAST(:tenant_id AS text), :event_type, CAST(:details AS jsonb), :workflow_id
                 WHERE CAST(:tenant_id AS text) IS NULL
                    OR EXISTS (SELECT 1 FROM tenant_config WHERE tenant_id = :tenant_id)
                """)
            .param("tenant_id", entry.tenantId())
            .param("event_type", entry.eventType())
            .param(
                "details", JsonColumns.write(entry.details() == null ? Map.of() : entry.details()))
            .param("workflow_id", entry.workflowId())
            .update()
        > 0;
  }

  /**
   * A page of the tenant's log, newest first, of one kind of line: {@code eventType} null = every
   * kind. Read through the tenant's newest-first index, filtering as it goes (no index of its own:
   * every counted message writes a line, and a rare kind is an operator's occasional question).
   *
   * @param limit lines per page
   * @param offset lines to skip (page number times {@code limit})
   */
  public List<ActivityLogRecord> newestFirst(
      String tenantId, String eventType, int limit, int offset) {
    return jdbc.sql(
            """
            SELECT id, tenant_id, event_type, details, workflow_id, created_at
              FROM tenant_activity_log
             WHERE tenant_id = :tenant_id
               AND (CAST(:event_type AS text) IS NULL OR event_type = CAST(:event_type AS text))
             ORDER BY created_at DESC, id DESC
             LIMIT :limit OFFSET :offset
            """)
        .param("tenant_id", tenantId)
        .param("event_type", eventType)
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (rs, n) ->
                new ActivityLogRecord(
                    rs.getLong("id"),
                    rs.getString("tenant_id"),
                    rs.getString("event_type"),
                    JsonColumns.read(rs.getString("details"), JSON_OBJECT),
                    rs.getString("workflow_id"),
                    TenantRepository.instant(rs, "created_at")))
        .list();
  }
}
