package com.clinicflow.bench;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;

/** Asks the Temporal server where a conversation stands, to explain a missing reply. */
final class TemporalProbe implements AutoCloseable {

  private final WorkflowServiceStubs stubs;

  TemporalProbe(String target) {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  /** One line: status, history length, pending workflow task and activities, last events. */
  String describe(String workflowId) {
    try {
      WorkflowExecution execution =
          WorkflowExecution.newBuilder().setWorkflowId(workflowId).build();
      DescribeWorkflowExecutionResponse d =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(execution)
                      .build());
      StringBuilder s = new StringBuilder(workflowId);
      s.append(": ").append(d.getWorkflowExecutionInfo().getStatus());
      s.append(", ").append(d.getWorkflowExecutionInfo().getHistoryLength()).append(" events");
      if (d.hasPendingWorkflowTask()) {
        s.append(", workflow task ")
            .append(d.getPendingWorkflowTask().getState())
            .append(" attempt ")
            .append(d.getPendingWorkflowTask().getAttempt());
      }
      for (PendingActivityInfo a : d.getPendingActivitiesList()) {
        s.append(", activity ")
            .append(a.getActivityType().getName())
            .append(' ')
            .append(a.getState())
            .append(" attempt ")
            .append(a.getAttempt());
      }
      List<HistoryEvent> events =
          stubs
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(execution)
                      .build())
              .getHistory()
              .getEventsList();
      s.append("; last events:");
      for (HistoryEvent e : events.subList(Math.max(0, events.size() - 4), events.size())) {
        s.append(' ').append(e.getEventType().name().replace("EVENT_TYPE_", ""));
      }
      return s.toString();
    } catch (RuntimeException e) {
      return workflowId + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
    }
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
