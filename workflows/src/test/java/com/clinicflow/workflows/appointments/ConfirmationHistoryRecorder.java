package com.clinicflow.workflows.appointments;

import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.FakeAppointments;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the history that {@link ConfirmationSchedulerReplayTest} replays: a clinic's scheduler
 * armed, refreshed once and armed again. Run it by hand (from the IDE, or {@code java} with the
 * test classpath) only when a history must be re-recorded on purpose: a replay failure normally
 * means a change broke running schedulers, and the answer then is {@code Workflow.getVersion}.
 *
 * @see com.clinicflow.workflows.patient.HistoryRecorder
 */
public final class ConfirmationHistoryRecorder {

  /** The newest recording; older ones stay beside it and keep being replayed. */
  static final String LATEST = "confirmation-scheduler-cancelled-timers.json";

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    String file = args.length > 1 ? args[1] : LATEST;
    Files.createDirectories(out);
    FakeActivities fakes = new FakeActivities();
    FakeAppointments appointments = new FakeAppointments(fakes);
    appointments.settings.put(
        "alpha", new ScheduleSettings("alpha", true, "America/Sao_Paulo", "18:00"));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("clinicflow");
      worker.registerWorkflowImplementationTypes(
          ConfirmationSchedulerImpl.class, DailyConfirmationImpl.class);
      worker.registerActivitiesImplementations(
          fakes.tenants, fakes.conversations, fakes.llm, fakes.whatsApp, appointments);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = ConfirmationKeys.schedulerId("alpha");
      ConfirmationScheduler scheduler =
          client.newWorkflowStub(
              ConfirmationScheduler.class,
              WorkflowOptions.newBuilder().setTaskQueue("clinicflow").setWorkflowId(id).build());
      WorkflowClient.start(scheduler::run, SchedulerState.fresh("alpha"));
      awaitTimers(client, id, 1);
      appointments.settings.put(
          "alpha", new ScheduleSettings("alpha", true, "America/Manaus", "20:30"));
      client.newWorkflowStub(ConfirmationScheduler.class, id).refresh();
      awaitTimers(client, id, 2);
      Files.writeString(out.resolve(file), client.fetchHistory(id).toJson(true));
    }
  }

  private static void awaitTimers(WorkflowClient client, String id, int count)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      long started =
          client.fetchHistory(id).getEvents().stream()
              .filter(HistoryEvent::hasTimerStartedEventAttributes)
              .count();
      if (started >= count) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the scheduler did not arm " + count + " timers");
  }
}
