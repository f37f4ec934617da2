package com.clinicflow.activities.tools;

import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import java.util.List;

/**
 * The tools a clinic offers an audience, as the model's activity declares them when a model call
 * names its tools by audience (decision 0019). An in-memory lookup of the registered {@link
 * ToolHandler}s and the cached clinic: no I/O of its own.
 */
@FunctionalInterface
public interface ToolCatalogs {

  /** Offers nothing: for an LLM wired without tools. */
  ToolCatalogs NONE = scope -> List.of();

  List<ToolSpec> offeredTo(ToolScope scope);
}
