package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The tools offered to the LLM for one turn. */
public record ToolCatalog(@JsonProperty("tools") List<ToolSpec> tools) {}
