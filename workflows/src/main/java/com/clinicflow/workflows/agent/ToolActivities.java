package com.clinicflow.workflows.agent;

import io.temporal.activity.ActivityInterface;

/**
 * Runs one tool call. Each call the model makes is its own activity execution, so history shows
 * every tool call and its result. Handlers are registered by name on the activity side; an unknown
 * tool or invalid arguments come back as an {@code {"error": ...}} result for the model, not as a
 * failure. Side effects are keyed by {@link ToolInvocation#idempotencyKey()}.
 */
@ActivityInterface(namePrefix = "Tools.")
public interface ToolActivities {

  ToolResult invoke(ToolInvocation invocation);
}
