package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One LLM call of an agent loop.
 *
 * @param tenantId the clinic: selects its own API key when it has one
 * @param systemInstruction the clinic's prompt with clinic info, hours, date and patient name
 * @param history memory window, the new user turn, and this turn's tool calls and results
 * @param tools the tools the model may call
 */
public record LlmRequest(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("system_instruction") String systemInstruction,
    @JsonProperty("history") List<ChatMessage> history,
    @JsonProperty("tools") List<ToolSpec> tools) {}
