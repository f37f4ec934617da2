package com.clinicflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.taskqueue.v1.StickyExecutionAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import org.junit.jupiter.api.Test;

class NoStickyExecutionTest {

  @Test
  void aCompletedWorkflowTaskReachesTheServerWithoutItsStickyQueue() {
    RespondWorkflowTaskCompletedRequest sticky =
        RespondWorkflowTaskCompletedRequest.newBuilder()
            .setIdentity("worker-1")
            .setStickyAttributes(
                StickyExecutionAttributes.newBuilder()
                    .setWorkerTaskQueue(TaskQueue.newBuilder().setName("worker-1:sticky")))
            .build();

    RespondWorkflowTaskCompletedRequest forwarded = NoStickyExecution.withoutStickiness(sticky);

    assertThat(forwarded.hasStickyAttributes()).isFalse();
    assertThat(forwarded.getIdentity()).isEqualTo("worker-1");
  }

  @Test
  void otherMessagesPassUnchanged() {
    PollWorkflowTaskQueueRequest poll =
        PollWorkflowTaskQueueRequest.newBuilder().setIdentity("worker-1").build();

    assertThat(NoStickyExecution.withoutStickiness(poll)).isSameAs(poll);
  }
}
