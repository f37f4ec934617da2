package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.InboundMessage;
import com.clinicflow.workflows.patient.PatientHandler;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;

/**
 * Signal-with-start of {@link PatientHandler} through the {@link WorkflowClient}: one gRPC call
 * that signals the open run or, if there is none, starts one and signals it, atomically.
 */
@Component
class TemporalConversationStarter implements ConversationStarter {

  private final WorkflowClient client;
  private final String taskQueue;

  TemporalConversationStarter(WorkflowClient client, TaskQueueProperties properties) {
    this.client = client;
    this.taskQueue = properties.taskQueue();
  }

  @Override
  public void signalWithStart(String workflowId, ConversationStart start, InboundMessage message) {
    send(
        workflowId,
        start,
        (conversation, request) -> request.add(conversation::onMessage, message));
  }

  @Override
  public void pause(String workflowId, ConversationStart start, BotPause pause) {
    send(workflowId, start, (conversation, request) -> request.add(conversation::pause, pause));
  }

  private void send(
      String workflowId, ConversationStart start, BiConsumer<PatientHandler, BatchRequest> signal) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(taskQueue)
            // A conversation ends after its idle timeout; the patient's next message must start
            // it again under the same id.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    try {
      client.signalWithStart(request(options, start, signal));
    } catch (WorkflowExecutionAlreadyStarted raced) {
      // Two first messages of a new conversation at once (Evolution posts upserts concurrently):
      // the embedded Temporal server checks for an open run and starts one without a lock, so
      // the loser of the race is refused although the run it lost to is open. Signalling again
      // reaches that run. (Seen by bench/run.sh redelivery: 2 of 1,771 posts answered 503.) A new
      // stub: the SDK refuses to reuse one whose start failed this way.
      client.signalWithStart(request(options, start, signal));
    }
  }

  private BatchRequest request(
      WorkflowOptions options,
      ConversationStart start,
      BiConsumer<PatientHandler, BatchRequest> signal) {
    PatientHandler conversation = client.newWorkflowStub(PatientHandler.class, options);
    // Method references, not strings: the workflow type and signal name come from the interface.
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(conversation::run, start);
    signal.accept(conversation, request);
    return request;
  }
}
