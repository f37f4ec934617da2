package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.tenant.TenantConfigLoader;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.clinicflow.workflows.tenant.TenantResolution;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/** The clinic checks at the start of every turn: TenantConfigLoader and the quota courtesy. */
final class TenantGate {

  private TenantGate() {}

  /**
   * Runs TenantConfigLoader as a child, with an id an operator can find beside the conversation:
   * {@code {conversation}/tenant/{turn}}.
   */
  static TenantResolution resolve(ConversationStart start, String turnKey) {
    String parentId = Workflow.getInfo().getWorkflowId();
    TenantConfigLoader loader =
        Workflow.newChildWorkflowStub(
            TenantConfigLoader.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(parentId + "/tenant/" + turnKey)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    return loader.resolve(TenantLookup.whatsApp(start.instanceName(), parentId));
  }

  /**
   * The clinic's quota-exceeded message, at most once per quota period for this patient: the send
   * key names the period, so the outbound ledger refuses a second one even across runs.
   */
  static void quotaNotice(
      ConversationStart start, String replyTo, TenantResolution.QuotaExceeded exceeded) {
    String period =
        exceeded.usage().periodStart() == null
            ? "current"
            : String.valueOf(exceeded.usage().periodStart().getEpochSecond());
    WhatsAppActivities whatsApp = ActivityStubs.external(WhatsAppActivities.class);
    whatsApp.sendText(
        new OutboundMessage(
            "quota:" + start.tenantId() + ":" + start.contact() + ":" + period,
            start.tenantId(),
            start.instanceName(),
            replyTo,
            exceeded.config().quotaExceededMessage()));
  }
}
