package com.clinicflow.activities.tools;

import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import java.util.Map;

/**
 * One tool the agent can call, registered by {@link #name()} (the function name the LLM sees in its
 * {@code ToolSpec}). Declare an implementation as a Spring bean and {@link ToolActivitiesImpl}
 * picks it up.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Act only for {@link ToolInvocation#tenantId()} and {@link ToolInvocation#contact()},
 *       whatever the model's arguments say.
 *   <li>Side effects are keyed by {@link ToolInvocation#idempotencyKey()}: the activity may run
 *       again after a crash or a retry, and the same key must never act twice.
 *   <li>Throw {@link IllegalArgumentException} for arguments the model got wrong; its message goes
 *       back to the model as {@code {"error": message}} so it can correct itself or tell the
 *       patient. Keep that message free of secrets.
 *   <li>Any other exception is an infrastructure failure that Temporal retries (throw a typed
 *       {@code ApplicationFailure} from {@code Errors} for permanent ones).
 * </ul>
 */
public interface ToolHandler {

  /** The function name, e.g. {@code list_available_slots}; unique among handlers. */
  String name();

  /** What the LLM is told about this tool: its name, purpose and JSON Schema parameters. */
  ToolSpec spec();

  /**
   * Whether this tool is offered in the given scope (audience and clinic): a patient is never
   * offered a staff tool, and a clinic without a calendar is not offered calendar tools.
   */
  boolean offeredTo(ToolScope scope);

  /**
   * Runs the call and returns what the model will read as the function's response (a JSON object:
   * strings, numbers, booleans, lists and maps).
   */
  Map<String, Object> handle(ToolInvocation invocation);
}
