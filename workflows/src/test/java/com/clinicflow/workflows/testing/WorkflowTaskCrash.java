package com.clinicflow.workflows.testing;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker that dies in the middle of a workflow task, for tests: when armed, the task that is
 * about to run (or has just run) the named local activity fails instead, once. Like a real crash,
 * the local activities that task already ran leave no marker in the history, so the retried task
 * (on a fresh replay) runs them again.
 */
public final class WorkflowTaskCrash extends WorkerInterceptorBase {

  private final AtomicReference<String> armed = new AtomicReference<>();
  private final AtomicReference<String> armedAfter = new AtomicReference<>();

  /** Fails the next workflow task that reaches the local activity {@code activityType}. */
  public void before(String activityType) {
    armed.set(activityType);
  }

  /**
   * Fails the next workflow task that runs the local activity {@code activityType}, once it has
   * completed: its side effect happened, its marker is never recorded.
   */
  public void after(String activityType) {
    armedAfter.set(activityType);
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Crashing(outbound));
      }
    };
  }

  private final class Crashing extends WorkflowOutboundCallsInterceptorBase {

    Crashing(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      String type = input.getActivityName();
      String target = armed.get(); // compareAndSet compares references
      if (type.equals(target) && armed.compareAndSet(target, null)) {
        // Not a TemporalFailure: the SDK fails the workflow task, and the server retries it.
        throw new IllegalStateException("simulated worker crash before " + type);
      }
      LocalActivityOutput<R> output = super.executeLocalActivity(input);
      String after = armedAfter.get();
      if (type.equals(after) && armedAfter.compareAndSet(after, null)) {
        output.getResult().get(); // the activity runs to the end before the worker "dies"
        throw new IllegalStateException("simulated worker crash after " + type);
      }
      return output;
    }
  }
}
