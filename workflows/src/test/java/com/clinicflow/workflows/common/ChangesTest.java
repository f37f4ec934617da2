package com.clinicflow.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.testing.HistoryMarkers;
import com.clinicflow.workflows.testing.ProbeEnvironment;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a new run records for the changes it follows. (Runs recorded before the baseline replay as
 * recorded: PatientHandlerReplayTest.)
 */
class ChangesTest {

  /** A change made after the baseline, outside it. */
  static final String LATER_CHANGE = "a-later-change";

  @WorkflowInterface
  public interface Probe {
    /** Asks for changes of each baseline version and a later one; answers what the run follows. */
    @WorkflowMethod
    List<Boolean> run(boolean startsRun);
  }

  public static class ProbeImpl implements Probe {
    @Override
    public List<Boolean> run(boolean startsRun) {
      if (startsRun) {
        Changes.startRun();
      }
      return List.of(
          Changes.isOn(Changes.TURN_STARTS_EARLY),
          Changes.isOn(Changes.LOCAL_DATABASE),
          Changes.isOn(Changes.ADMIT_TURN_IN_ONE_CALL),
          Changes.isOn(Changes.IDLE_TIMER_PER_RUN),
          Changes.isOn(Changes.TOOLS_BY_AUDIENCE),
          Changes.isOn(Changes.QUIET_TIMER_PER_BURST),
          Changes.isOn(LATER_CHANGE));
    }
  }

  private final ProbeEnvironment env = new ProbeEnvironment(ProbeImpl.class);

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aRunWithTheBaselineRecordsItsMarkerAndOnlyChangesMadeAfterIt() {
    assertThat(probe("with-baseline", true))
        .containsExactly(true, true, true, true, true, true, true);

    assertThat(versions("with-baseline")).containsExactly(Changes.BASELINE, LATER_CHANGE);
  }

  @Test
  void aWorkflowThatDoesNotStartItsRunAsksForEveryChange() {
    assertThat(probe("without-baseline", false))
        .containsExactly(true, true, true, true, true, true, true);

    assertThat(versions("without-baseline"))
        .containsExactly(
            Changes.TURN_STARTS_EARLY,
            Changes.LOCAL_DATABASE,
            Changes.ADMIT_TURN_IN_ONE_CALL,
            Changes.IDLE_TIMER_PER_RUN,
            Changes.TOOLS_BY_AUDIENCE,
            Changes.QUIET_TIMER_PER_BURST,
            LATER_CHANGE);
  }

  @Test
  void everyChangeIdIsKnownOnce() {
    assertThat(Changes.IN_BASELINE).hasSize(11).doesNotContain(Changes.BASELINE, LATER_CHANGE);
    assertThat(Changes.IN_BASELINE_2)
        .containsExactlyInAnyOrder(
            Changes.ADMIT_TURN_IN_ONE_CALL, Changes.CANCEL_ONLY_DISTANT_TIMERS)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE);
    assertThat(Changes.IN_BASELINE_3)
        .containsExactlyInAnyOrder(Changes.IDLE_TIMER_PER_RUN, Changes.SEND_WRITES_LOG_LINE)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE_2);
    assertThat(Changes.IN_BASELINE_4)
        .containsExactly(Changes.TOOLS_BY_AUDIENCE)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE_2)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE_3);
    assertThat(Changes.IN_BASELINE_5)
        .containsExactly(Changes.QUIET_TIMER_PER_BURST)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE_2)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE_3)
        .doesNotContainAnyElementsOf(Changes.IN_BASELINE_4);
  }

  private List<Boolean> probe(String workflowId, boolean startsRun) {
    return env.workflow(Probe.class, workflowId).run(startsRun);
  }

  private List<String> versions(String workflowId) {
    return HistoryMarkers.versions(env.history(workflowId));
  }
}
