package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The answer to a {@link ToolCall}, as the LLM will read it. A tool that failed answers with {@code
 * {"error": "..."}} so the model can tell the patient honestly.
 */
public record ToolResult(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("response") Map<String, Object> response) {}
