package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A function call the LLM asked for. {@code id} is echoed back when the vendor sent one. */
public record ToolCall(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("args") Map<String, Object> args) {}
