package com.clinicflow.activities.tasks;

import com.clinicflow.activities.google.GoogleFailures;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.Task;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Google Tasks v1 ({@code google-api-services-tasks}): list open tasks, insert, patch to completed.
 * The client for a clinic comes from {@link GoogleTasksClients} (its own credentials or the shared
 * ones). The client's own retries are off: Temporal retries 429, 5xx, 403 rate limits and I/O
 * (timeouts included); other 4xx are not retried.
 */
final class GoogleTaskBoard implements TaskBoard {

  private static final Logger log = LoggerFactory.getLogger(GoogleTaskBoard.class);

  private final Function<String, Tasks> clients;
  private final TaskRequestLedger ledger;

  /**
   * @param clients the Tasks client of a tenant
   */
  GoogleTaskBoard(Function<String, Tasks> clients, JdbcClient jdbc) {
    this.clients = clients;
    this.ledger = new TaskRequestLedger(jdbc);
  }

  @Override
  public List<StaffTask> open(String tenantId, String listId) {
    Tasks tasks = clients.apply(tenantId);
    List<Task> items =
        call(
            "list",
            () ->
                tasks
                    .tasks()
                    .list(listId)
                    .setShowCompleted(false)
                    .setMaxResults(100)
                    .execute()
                    .getItems());
    return items == null ? List.of() : items.stream().map(GoogleTaskBoard::task).toList();
  }

  @Override
  public StaffTask create(
      String tenantId, String listId, String title, String notes, LocalDate due, String key) {
    Tasks tasks = clients.apply(tenantId);
    Optional<String> made = ledger.taskFor(key, tenantId);
    if (made.isPresent()) {
      return task(call("get", () -> tasks.tasks().get(listId, made.get()).execute()));
    }
    Task body = new Task().setTitle(title).setNotes(notes);
    if (due != null) {
      body.setDue(due + "T00:00:00.000Z"); // Google keeps only the date
    }
    Task created = call("insert", () -> tasks.tasks().insert(listId, body).execute());
    ledger.done(key, tenantId, listId, created.getId());
    return task(created);
  }

  @Override
  public StaffTask complete(String tenantId, String listId, String taskId) {
    Tasks tasks = clients.apply(tenantId);
    return task(
        call(
            "patch",
            () ->
                tasks.tasks().patch(listId, taskId, new Task().setStatus("completed")).execute()));
  }

  private static StaffTask task(Task t) {
    LocalDate due = t.getDue() == null ? null : LocalDate.parse(t.getDue().substring(0, 10));
    return new StaffTask(t.getId(), t.getTitle(), t.getNotes(), due, t.getStatus());
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  /** Failures as Calendar's are typed ({@link GoogleFailures}), a refused token exchange too. */
  private static <T> T call(String operation, Call<T> call) {
    try {
      return call.run();
    } catch (IOException e) {
      ApplicationFailure failure = GoogleFailures.from(e, "Google Tasks", operation);
      log.warn("Google Tasks {} failed ({})", operation, failure.getType());
      throw failure;
    }
  }
}
