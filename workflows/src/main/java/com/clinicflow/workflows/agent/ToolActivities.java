package com.clinicflow.workflows.agent;

import io.temporal.activity.ActivityInterface;

/**
 * The agent's tools. Handlers live on the activity side and describe themselves, so adding a tool
 * is an activity change only; the workflow asks for the catalog once per turn (recorded in history,
 * so a replay offers the same tools).
 *
 * <p>Each call the model makes runs as its own {@link #invoke} execution, so history shows every
 * tool call and its result. An unknown tool or invalid arguments come back as an {@code {"error":
 * ...}} result for the model, not as a failure. Side effects are keyed by {@link
 * ToolInvocation#idempotencyKey()}.
 */
@ActivityInterface(namePrefix = "Tools.")
public interface ToolActivities {

  /** The tools this clinic offers to this audience. */
  ToolCatalog catalog(ToolScope scope);

  ToolResult invoke(ToolInvocation invocation);
}
