package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A tool the LLM may call: its name, what it does, and its parameters as a JSON Schema object
 * ({@code {"type":"object","properties":{...},"required":[...]}}).
 */
public record ToolSpec(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("parameters") Map<String, Object> parameters) {}
