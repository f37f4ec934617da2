package com.clinicflow.worker;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Server-side interceptor of the embedded Temporal server: removes the sticky attributes from every
 * completed workflow task, so the server never routes a workflow's next task to one worker's own
 * queue. See {@link EmbeddedTemporalServer} for why the test server needs this.
 */
final class NoStickyExecution implements ServerInterceptor {

  private static final String RESPOND_WORKFLOW_TASK_COMPLETED =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (!RESPOND_WORKFLOW_TASK_COMPLETED.equals(call.getMethodDescriptor().getFullMethodName())) {
      return listener;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        super.onMessage(withoutStickiness(message));
      }
    };
  }

  @SuppressWarnings("unchecked")
  static <Q> Q withoutStickiness(Q message) {
    if (message instanceof RespondWorkflowTaskCompletedRequest completed
        && completed.hasStickyAttributes()) {
      return (Q) completed.toBuilder().clearStickyAttributes().build();
    }
    return message;
  }
}
