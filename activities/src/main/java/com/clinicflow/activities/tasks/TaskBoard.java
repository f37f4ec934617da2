package com.clinicflow.activities.tasks;

import java.time.LocalDate;
import java.util.List;

/**
 * A clinic's task list ({@code tenant_config.google_tasks_list_id}): Google Tasks, with the
 * clinic's own credentials or the shared ones, or a local list in PostgreSQL (sandbox) without
 * either. Failures are {@code Errors} application failures.
 */
public interface TaskBoard {

  /** Open tasks of the list, in Google's order. */
  List<StaffTask> open(String tenantId, String listId);

  /**
   * Creates a task once per key: called again with the same key it returns the task made the first
   * time.
   */
  StaffTask create(
      String tenantId, String listId, String title, String notes, LocalDate due, String key);

  /** Marks a task completed (completing it again is harmless). */
  StaffTask complete(String tenantId, String listId, String taskId);
}
