package com.clinicflow.workflows.tenant;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Child workflow that turns a channel address into a clinic that may be served now, or the reason
 * why not: resolve the tenant, check it is active, count the message against its quota (one atomic
 * SQL statement), and write the activity log. Every step is an activity, so the configuration a
 * conversation used is visible in its history.
 *
 * <p>Its id is derived from the parent's ({@code {parent}/tenant/{n}}), so an operator finds it
 * beside the chat that asked. The staff assistant uses it for every update; patient conversations
 * run the same checks ({@link TenantChecks}) inline since decision 0010, and only runs recorded
 * before that start it.
 */
@WorkflowInterface
public interface TenantConfigLoader {

  @WorkflowMethod(name = "TenantConfigLoader")
  TenantResolution resolve(TenantLookup lookup);
}
