package com.clinicflow.activities.tasks;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code task_request}: which task a create with a given key made. Google Tasks has no
 * client-chosen ids, so a retried create looks here first. The window left is a crash between
 * Google's answer and {@link #done}: the retry then creates a second task (milliseconds wide, like
 * WhatsApp sends).
 */
final class TaskRequestLedger {

  private final JdbcClient jdbc;

  TaskRequestLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The task a previous call with this key created, if it finished. */
  Optional<String> taskFor(String key, String tenantId) {
    return jdbc.sql(
            """
            SELECT task_id FROM task_request
             WHERE idempotency_key = :key AND tenant_id = :tenantId AND task_id IS NOT NULL
            """)
        .param("key", key)
        .param("tenantId", tenantId)
        .query(String.class)
        .optional();
  }

  void done(String key, String tenantId, String listId, String taskId) {
    jdbc.sql(
            """
            INSERT INTO task_request (idempotency_key, tenant_id, list_id, task_id)
            VALUES (:key, :tenantId, :listId, :taskId)
            ON CONFLICT (idempotency_key) DO UPDATE SET task_id = EXCLUDED.task_id
             WHERE task_request.tenant_id = EXCLUDED.tenant_id
            """)
        .param("key", key)
        .param("tenantId", tenantId)
        .param("listId", listId)
        .param("taskId", taskId)
        .update();
  }
}
