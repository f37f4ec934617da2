package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.staff.InternalAssistant;
import com.clinicflow.workflows.staff.StaffAlert;
import com.clinicflow.workflows.staff.StaffAlertActivities;
import com.clinicflow.workflows.staff.StaffStart;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StaffAlertActivities}, also called directly by the API's WhatsApp connection hook: finds
 * the clinic's Telegram chat (cached) and signals-with-start its staff assistant {@code
 * staff:{tenant}:{chat}} with the alert, enriched with the clinic's name and language. The
 * assistant sends it, so alerts and answers reach a chat one at a time and in order.
 */
public class StaffAlertRaiser implements StaffAlertActivities {

  private static final Logger log = LoggerFactory.getLogger(StaffAlertRaiser.class);

  private final WorkflowClient client;
  private final String taskQueue;
  private final CachedTenants tenants;

  public StaffAlertRaiser(WorkflowClient client, String taskQueue, CachedTenants tenants) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.tenants = tenants;
  }

  @Override
  public void raise(StaffAlert alert) {
    Optional<TenantConfig> clinic = tenants.findById(alert.tenantId());
    if (clinic.isEmpty() || clinic.get().telegramInternalChatId() == null) {
      log.info("Alert {} of tenant {} dropped: no Telegram chat", alert.kind(), alert.tenantId());
      return;
    }
    TenantConfig config = clinic.get();
    long chatId = config.telegramInternalChatId();
    InternalAssistant assistant =
        client.newWorkflowStub(
            InternalAssistant.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(StaffStart.workflowId(config.tenantId(), chatId))
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(assistant::run, StaffStart.fresh(config.tenantId(), chatId));
    request.add(assistant::onAlert, alert.forClinic(config.clinicName(), config.language()));
    client.signalWithStart(request);
  }
}
