package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.tasks.StaffTask;
import com.clinicflow.activities.tasks.TaskBoard;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.temporal.failure.ApplicationFailure;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code list_tasks}, {@code create_task}, {@code complete_task} on the clinic's {@code
 * google_tasks_list_id} (offered only to clinics that have one). Creates are keyed by the tool
 * call's idempotency key.
 */
final class TaskTools {

  private TaskTools() {}

  abstract static class TaskTool extends StaffTool {
    final TaskBoard board;

    TaskTool(
        String name,
        String description,
        Map<String, Object> properties,
        List<String> required,
        CachedTenants tenants,
        TaskBoard board) {
      super(name, description, properties, required, tenants);
      this.board = board;
    }

    @Override
    boolean offeredToClinic(String tenantId) {
      return tenants.findById(tenantId).map(TenantConfig::googleTasksListId).isPresent();
    }

    String listId(TenantConfig clinic) {
      if (clinic.googleTasksListId() == null) {
        throw new IllegalArgumentException("the clinic has no task list configured");
      }
      return clinic.googleTasksListId();
    }
  }

  static Map<String, Object> view(StaffTask task) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task_id", task.id());
    out.put("title", task.title());
    if (task.notes() != null) {
      out.put("notes", task.notes());
    }
    if (task.due() != null) {
      out.put("due", task.due().toString());
    }
    out.put("status", task.status());
    return out;
  }

  static final class ListTasks extends TaskTool {
    ListTasks(CachedTenants tenants, TaskBoard board) {
      super("list_tasks", "The clinic's open to-dos.", Map.of(), List.of(), tenants, board);
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      TenantConfig clinic = clinic(invocation);
      return Map.of(
          "tasks",
          board.open(clinic.tenantId(), listId(clinic)).stream().map(TaskTools::view).toList());
    }
  }

  static final class CreateTask extends TaskTool {
    CreateTask(CachedTenants tenants, TaskBoard board) {
      super(
          "create_task",
          "Adds a to-do to the clinic's task list.",
          Map.of(
              "title", prop("string", "What to do"),
              "notes", prop("string", "Details, optional"),
              "due", prop("string", "Due date YYYY-MM-DD, optional")),
          List.of("title"),
          tenants,
          board);
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      TenantConfig clinic = clinic(invocation);
      String title = text(invocation, "title");
      String notes = optionalText(invocation, "notes");
      LocalDate due = optionalDate(invocation, "due");
      StaffTask task =
          board.create(
              clinic.tenantId(), listId(clinic), title, notes, due, invocation.idempotencyKey());
      Map<String, Object> out = view(task);
      out.put("created", true);
      return out;
    }
  }

  static final class CompleteTask extends TaskTool {
    CompleteTask(CachedTenants tenants, TaskBoard board) {
      super(
          "complete_task",
          "Marks a to-do of the clinic's list as done (task_id from list_tasks).",
          Map.of("task_id", prop("string", "The task's id from list_tasks")),
          List.of("task_id"),
          tenants,
          board);
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      TenantConfig clinic = clinic(invocation);
      try {
        return view(board.complete(clinic.tenantId(), listId(clinic), text(invocation, "task_id")));
      } catch (ApplicationFailure failure) {
        if ("NOT_FOUND".equals(failure.getType())) {
          throw new IllegalArgumentException("no task with that task_id; call list_tasks first");
        }
        throw failure;
      }
    }
  }
}
