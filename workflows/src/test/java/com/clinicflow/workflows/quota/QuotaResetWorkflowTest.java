package com.clinicflow.workflows.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.housekeeping.HousekeepingActivities;
import com.clinicflow.workflows.housekeeping.PruneReport;
import com.clinicflow.workflows.housekeeping.PruneRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.internal.common.ProtobufTimeUtils;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quota reset in skipped time: rounds at start, at each period start, and never stuck. */
class QuotaResetWorkflowTest {

  private static final QuotaResetSchedule SCHEDULE =
      new QuotaResetSchedule(Duration.ofHours(1), Duration.ofMinutes(5), 48);

  private TestWorkflowEnvironment env;
  private FakeQuotas quotas;
  private FakeHousekeeping housekeeping;

  /** Counts the pruning rounds; fails while {@link #down}. */
  static final class FakeHousekeeping implements HousekeepingActivities {
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public PruneReport pruneExpired(PruneRequest request) {
      if (down.get()) {
        throw ApplicationFailure.newNonRetryableFailure("database unreachable", "UPSTREAM");
      }
      requests.add(request.requestedBy());
      return new PruneReport(5, 1, 0, 0, 2, 0, 0, false);
    }
  }

  /**
   * Clinics whose periods begin at {@link #boundaries}: a round resets one clinic per boundary
   * passed since the previous round and reports the next boundary still ahead.
   */
  final class FakeQuotas implements QuotaActivities {
    final List<Instant> boundaries = new CopyOnWriteArrayList<>();
    final List<Instant> rounds = new CopyOnWriteArrayList<>();
    final List<Integer> resets = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();
    private Instant previous = Instant.EPOCH;

    @Override
    public QuotaResetReport resetExpiredQuotas(QuotaResetRequest request) {
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      if (down.get()) {
        throw ApplicationFailure.newNonRetryableFailure("database unreachable", "UPSTREAM");
      }
      assertThat(request.requestedBy()).isEqualTo(QuotaResetWorkflow.WORKFLOW_ID);
      int reset =
          (int) boundaries.stream().filter(b -> b.isAfter(previous) && !b.isAfter(now)).count();
      previous = now;
      rounds.add(now);
      resets.add(reset);
      Instant next =
          boundaries.stream().filter(b -> b.isAfter(now)).min(Instant::compareTo).orElse(null);
      return new QuotaResetReport(reset, next);
    }
  }

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    quotas = new FakeQuotas();
    housekeeping = new FakeHousekeeping();
    Worker worker = env.newWorker("clinicflow");
    worker.registerWorkflowImplementationTypes(QuotaResetWorkflowImpl.class);
    worker.registerActivitiesImplementations(quotas, housekeeping);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private WorkflowExecution start(QuotaResetSchedule schedule) {
    QuotaResetWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                QuotaResetWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue("clinicflow")
                    .setWorkflowId(QuotaResetWorkflow.WORKFLOW_ID)
                    .build());
    return WorkflowClient.start(workflow::run, schedule);
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  @Test
  void resetsAtStartAndAgainRightAfterTheNextPeriodBegins() {
    Instant boundary = now().plus(Duration.ofMinutes(40));
    quotas.boundaries.add(boundary);

    start(SCHEDULE);
    env.sleep(Duration.ofMinutes(41));

    assertThat(quotas.rounds).hasSize(2);
    assertThat(quotas.rounds.get(1)).isAfterOrEqualTo(boundary);
    assertThat(Duration.between(boundary, quotas.rounds.get(1))).isLessThan(Duration.ofSeconds(5));
    assertThat(quotas.resets).containsExactly(0, 1);
  }

  @Test
  void aFarBoundaryIsApproachedInSleepsOfAtMostMaxSleep() {
    Instant boundary = now().plus(Duration.ofHours(5)).plus(Duration.ofMinutes(30));
    quotas.boundaries.add(boundary);

    start(SCHEDULE);
    env.sleep(Duration.ofHours(6));

    // at start, after 1, 2, 3, 4 and 5 hours, then at the boundary itself
    assertThat(quotas.rounds).hasSize(7);
    for (int i = 1; i < quotas.rounds.size(); i++) {
      assertThat(Duration.between(quotas.rounds.get(i - 1), quotas.rounds.get(i)))
          .isLessThanOrEqualTo(Duration.ofHours(1).plusSeconds(5));
    }
    assertThat(quotas.resets.get(6)).isEqualTo(1);
  }

  @Test
  void aClinicAddedMeanwhileWithAnEarlierPeriodIsResetWithinMaxSleep() {
    quotas.boundaries.add(now().plus(Duration.ofDays(10)));
    start(SCHEDULE);
    env.sleep(Duration.ofMinutes(1));
    Instant earlier = now().plus(Duration.ofMinutes(20));
    quotas.boundaries.add(earlier);

    env.sleep(Duration.ofMinutes(80));

    int round = quotas.resets.indexOf(1);
    assertThat(round).isPositive();
    assertThat(Duration.between(earlier, quotas.rounds.get(round)))
        .isLessThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void aFailingRoundIsTriedAgainAfterThePauseAndTheWorkflowKeepsRunning() {
    quotas.down.set(true);
    WorkflowExecution execution = start(SCHEDULE);
    env.sleep(Duration.ofMinutes(2));
    assertThat(quotas.rounds).isEmpty();

    quotas.down.set(false);
    env.sleep(Duration.ofMinutes(4));

    assertThat(quotas.rounds).hasSize(1);
    assertThat(status(execution.getWorkflowId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void everyRoundPrunesWhatOutlivedItsRetention() {
    start(SCHEDULE);
    env.sleep(Duration.ofHours(2).plusMinutes(1));

    assertThat(quotas.rounds).hasSize(3);
    assertThat(housekeeping.requests).hasSize(3).containsOnly(QuotaResetWorkflow.WORKFLOW_ID);
  }

  /** A backlog round runs longer than a quick database call may: it gets minutes, not seconds. */
  @Test
  void aPruningRoundMayRunForMinutesWhereAQuotaResetGetsSeconds() {
    WorkflowExecution execution = start(SCHEDULE);
    env.sleep(Duration.ofMinutes(1));

    Map<String, Duration> timeouts = new HashMap<>();
    env.getWorkflowClient().fetchHistory(execution.getWorkflowId()).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .forEach(
            scheduled ->
                timeouts.put(
                    scheduled.getActivityType().getName(),
                    ProtobufTimeUtils.toJavaDuration(scheduled.getStartToCloseTimeout())));
    assertThat(timeouts)
        .containsEntry("Housekeeping.PruneExpired", Duration.ofMinutes(5))
        .containsEntry("Quota.ResetExpiredQuotas", Duration.ofSeconds(10));
  }

  @Test
  void aFailingPruneWaitsForTheNextRoundAndResetsGoOn() {
    housekeeping.down.set(true);
    Instant boundary = now().plus(Duration.ofMinutes(40));
    quotas.boundaries.add(boundary);
    WorkflowExecution execution = start(SCHEDULE);
    env.sleep(Duration.ofMinutes(41));

    assertThat(quotas.resets).containsExactly(0, 1);
    assertThat(housekeeping.requests).isEmpty();

    housekeeping.down.set(false);
    env.sleep(Duration.ofHours(1));
    assertThat(housekeeping.requests).hasSize(1);
    assertThat(status(execution.getWorkflowId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void continuesAsNewAfterItsRoundsAndKeepsGoing() {
    WorkflowExecution first =
        start(new QuotaResetSchedule(Duration.ofHours(1), Duration.ofMinutes(5), 3));
    env.sleep(Duration.ofHours(5).plusMinutes(1));

    // no clinics: one round an hour, across two runs
    assertThat(quotas.rounds).hasSize(6);
    String currentRun =
        env.getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(first.getWorkflowId()))
                    .build())
            .getWorkflowExecutionInfo()
            .getExecution()
            .getRunId();
    assertThat(currentRun).isNotEqualTo(first.getRunId());
    assertThat(status(first.getWorkflowId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }
}
