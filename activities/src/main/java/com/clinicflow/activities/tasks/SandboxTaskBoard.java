package com.clinicflow.activities.tasks;

import com.clinicflow.workflows.common.Errors;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Task lists without Google (for a clinic with neither its own {@code google_credentials} secret
 * nor a shared {@code clinicflow.google.credentials-file}): rows of {@code sandbox_task}, shaped
 * like Google Tasks, so staff can try the assistant end to end.
 */
final class SandboxTaskBoard implements TaskBoard {

  private final JdbcClient jdbc;
  private final TaskRequestLedger ledger;

  SandboxTaskBoard(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.ledger = new TaskRequestLedger(jdbc);
  }

  @Override
  public List<StaffTask> open(String tenantId, String listId) {
    return jdbc.sql(
            """
            SELECT task_id, title, notes, due, status FROM sandbox_task
             WHERE tenant_id = :tenantId AND list_id = :listId AND status = 'needsAction'
             ORDER BY created_at, task_id
            """)
        .param("tenantId", tenantId)
        .param("listId", listId)
        .query(
            (rs, n) ->
                new StaffTask(
                    rs.getString("task_id"),
                    rs.getString("title"),
                    rs.getString("notes"),
                    rs.getDate("due") == null ? null : rs.getDate("due").toLocalDate(),
                    rs.getString("status")))
        .list();
  }

  @Override
  public StaffTask create(
      String tenantId, String listId, String title, String notes, LocalDate due, String key) {
    Optional<String> made = ledger.taskFor(key, tenantId);
    if (made.isPresent()) {
      return find(tenantId, listId, made.get());
    }
    String id = "sandbox-" + UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO sandbox_task (tenant_id, list_id, task_id, title, notes, due)
            VALUES (:tenantId, :listId, :taskId, :title, :notes, :due)
            """)
        .param("tenantId", tenantId)
        .param("listId", listId)
        .param("taskId", id)
        .param("title", title)
        .param("notes", notes)
        .param("due", due == null ? null : Date.valueOf(due))
        .update();
    ledger.done(key, tenantId, listId, id);
    return find(tenantId, listId, id);
  }

  @Override
  public StaffTask complete(String tenantId, String listId, String taskId) {
    int updated =
        jdbc.sql(
                """
                UPDATE sandbox_task
                   SET status = 'completed', completed_at = COALESCE(completed_at, now())
                 WHERE tenant_id = :tenantId AND list_id = :listId AND task_id = :taskId
                """)
            .param("tenantId", tenantId)
            .param("listId", listId)
            .param("taskId", taskId)
            .update();
    if (updated == 0) {
      throw Errors.NOT_FOUND.failure("No such task on the clinic's list");
    }
    return find(tenantId, listId, taskId);
  }

  private StaffTask find(String tenantId, String listId, String taskId) {
    return jdbc.sql(
            """
            SELECT task_id, title, notes, due, status FROM sandbox_task
             WHERE tenant_id = :tenantId AND list_id = :listId AND task_id = :taskId
            """)
        .param("tenantId", tenantId)
        .param("listId", listId)
        .param("taskId", taskId)
        .query(
            (rs, n) ->
                new StaffTask(
                    rs.getString("task_id"),
                    rs.getString("title"),
                    rs.getString("notes"),
                    rs.getDate("due") == null ? null : rs.getDate("due").toLocalDate(),
                    rs.getString("status")))
        .single();
  }
}
