package com.clinicflow.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.MDC;

/**
 * Puts the workflow id, the clinic and the activity into the logging context of every activity, so
 * an operator can grep (or filter structured logs) by {@code tenant_id} or {@code workflow_id}
 * without any adapter logging them by hand, and without logging message text.
 */
final class LoggingContext extends WorkerInterceptorBase {

  static final String TENANT_ID = "tenant_id";
  static final String WORKFLOW_ID = "workflow_id";
  static final String ACTIVITY = "activity";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String workflowId = context.getInfo().getWorkflowId();
        MDC.put(WORKFLOW_ID, workflowId);
        MDC.put(ACTIVITY, context.getInfo().getActivityType());
        String tenant = tenantOf(workflowId);
        if (tenant != null) {
          MDC.put(TENANT_ID, tenant);
        }
        try {
          return super.execute(input);
        } finally {
          MDC.remove(WORKFLOW_ID);
          MDC.remove(ACTIVITY);
          MDC.remove(TENANT_ID);
        }
      }
    };
  }

  /**
   * Every ClinicFlow workflow id starts with {@code kind:tenant:…} ({@code patient:demo:5511…},
   * {@code staff:demo:-100…}); ids of other shapes have no tenant.
   */
  static String tenantOf(String workflowId) {
    if (workflowId == null) {
      return null;
    }
    String[] parts = workflowId.split(":", 3);
    return parts.length >= 3 && !parts[1].isEmpty() ? parts[1] : null;
  }
}
