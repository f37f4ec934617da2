package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.tenant.TenantChecks;
import com.clinicflow.workflows.tenant.TenantConfigLoader;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.clinicflow.workflows.tenant.TenantResolution;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/** The clinic checks at the start of every turn and the quota courtesy. */
final class TenantGate {

  private TenantGate() {}

  /**
   * The clinic checks of a turn, inline in the conversation's history ({@link TenantChecks}); in
   * runs recorded before {@link Changes#TENANT_CHECKS_INLINE}, TenantConfigLoader as a child with
   * an id an operator can find beside the conversation: {@code {conversation}/tenant/{turn}}.
   */
  static TenantResolution resolve(ConversationStart start, String turnKey) {
    String parentId = Workflow.getInfo().getWorkflowId();
    // The quota counts the turn once under its key, however often the count runs (Turn#key).
    TenantLookup lookup = TenantLookup.whatsApp(start.instanceName(), parentId, turnKey);
    if (Changes.isOn(Changes.TENANT_CHECKS_INLINE)) {
      return TenantChecks.run(lookup);
    }
    TenantConfigLoader loader =
        Workflow.newChildWorkflowStub(
            TenantConfigLoader.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(parentId + "/tenant/" + turnKey)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    return loader.resolve(lookup);
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
