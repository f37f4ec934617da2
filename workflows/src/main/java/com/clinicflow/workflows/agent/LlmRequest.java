package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One LLM call of an agent loop.
 *
 * <p>The tools it offers are named one of two ways. Since {@code tools-by-audience} (decision 0019)
 * an agent turn names whom they are for, {@code offerToolsTo}, and the model's activity looks the
 * clinic's catalog up itself, so no turn records the tool declarations. Calls recorded before it,
 * and calls that are not an agent's (a confirmation's wording), list them in {@code tools} (empty:
 * none).
 *
 * @param tenantId the clinic: selects its own API key when it has one, and whose tools are offered
 * @param systemInstruction the clinic's prompt with clinic info, hours, date and patient name
 * @param history memory window, the new user turn, and this turn's tool calls and results
 * @param tools the tools the model may call, listed
 * @param offerToolsTo the tools the model may call: the clinic's for this audience; null = {@code
 *     tools}
 */
public record LlmRequest(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("system_instruction") String systemInstruction,
    @JsonProperty("history") List<ChatMessage> history,
    @JsonProperty("tools") List<ToolSpec> tools,
    @JsonProperty("offer_tools_to") @JsonInclude(JsonInclude.Include.NON_NULL)
        ToolScope.Audience offerToolsTo) {

  @JsonCreator
  public LlmRequest {}

  /** A call offering the tools listed. */
  public LlmRequest(
      String tenantId, String systemInstruction, List<ChatMessage> history, List<ToolSpec> tools) {
    this(tenantId, systemInstruction, history, tools, null);
  }

  /** A call offering the clinic's tools for {@code audience}, looked up by the model's activity. */
  public static LlmRequest offering(
      String tenantId,
      String systemInstruction,
      List<ChatMessage> history,
      ToolScope.Audience audience) {
    return new LlmRequest(tenantId, systemInstruction, history, List.of(), audience);
  }

  /** Whom the clinic's tools are offered to, when the request names them that way. */
  @JsonIgnore
  public ToolScope toolScope() {
    return offerToolsTo == null ? null : new ToolScope(tenantId, offerToolsTo);
  }
}
