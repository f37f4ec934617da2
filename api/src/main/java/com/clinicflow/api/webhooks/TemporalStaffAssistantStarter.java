package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.staff.InternalAssistant;
import com.clinicflow.workflows.staff.StaffStart;
import com.clinicflow.workflows.staff.StaffUpdate;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import org.springframework.stereotype.Component;

/** Signal-with-start of {@link InternalAssistant}; a chat's assistant may end when idle. */
@Component
class TemporalStaffAssistantStarter implements StaffAssistantStarter {

  private final WorkflowClient client;
  private final String taskQueue;

  TemporalStaffAssistantStarter(WorkflowClient client, TaskQueueProperties properties) {
    this.client = client;
    this.taskQueue = properties.taskQueue();
  }

  @Override
  public void signalWithStart(String workflowId, StaffStart start, StaffUpdate update) {
    InternalAssistant assistant =
        client.newWorkflowStub(
            InternalAssistant.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(assistant::run, start);
    request.add(assistant::onUpdate, update);
    client.signalWithStart(request);
  }
}
