package com.clinicflow.activities.tools;

import com.clinicflow.workflows.agent.ToolActivities;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolCatalog;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ToolActivities} that dispatches each call by name to a {@link ToolHandler}.
 *
 * <p>Mistakes the model can fix come back as results, not failures: an unknown tool, or one not
 * offered to the invocation's audience and clinic (a patient's model naming a staff tool), answers
 * {@code {"error": "unknown tool <name>"}} without running, and a handler's {@link
 * IllegalArgumentException} answers {@code {"error": <message>}}. Everything else propagates for
 * Temporal to retry.
 *
 * <p>Metric: counter {@code clinicflow.tools.calls} (tags {@code tool}, {@code outcome} = {@code
 * ok} | {@code bad_arguments} | {@code unknown_tool} | {@code not_offered} | {@code failed}).
 */
public final class ToolActivitiesImpl implements ToolActivities, ToolCatalogs {

  private static final Logger log = LoggerFactory.getLogger(ToolActivitiesImpl.class);

  private final Map<String, ToolHandler> handlers = new LinkedHashMap<>();
  private final MeterRegistry meters;

  public ToolActivitiesImpl(List<ToolHandler> handlers) {
    this(handlers, null);
  }

  /**
   * @param handlers the tools; two with the same name are a wiring mistake and fail here
   * @param meterRegistry where metrics go; null = nowhere
   */
  public ToolActivitiesImpl(List<ToolHandler> handlers, MeterRegistry meterRegistry) {
    for (ToolHandler handler : handlers) {
      ToolHandler previous = this.handlers.putIfAbsent(handler.name(), handler);
      if (previous != null) {
        throw new IllegalStateException(
            "Two tool handlers are named "
                + handler.name()
                + ": "
                + previous.getClass().getName()
                + " and "
                + handler.getClass().getName());
      }
    }
    this.meters = meterRegistry != null ? meterRegistry : new CompositeMeterRegistry();
  }

  /** Names of the registered tools, sorted. */
  public Set<String> toolNames() {
    return new TreeSet<>(handlers.keySet());
  }

  @Override
  public ToolCatalog catalog(ToolScope scope) {
    return new ToolCatalog(offeredTo(scope));
  }

  @Override
  public List<ToolSpec> offeredTo(ToolScope scope) {
    return handlers.values().stream()
        .filter(h -> h.offeredTo(scope))
        .map(ToolHandler::spec)
        .toList();
  }

  @Override
  public ToolResult invoke(ToolInvocation invocation) {
    ToolCall call = invocation.call();
    ToolHandler handler = handlers.get(call.name());
    if (handler == null) {
      // The name comes from the model: tag it as "unknown" to keep metric cardinality bounded.
      count("unknown", "unknown_tool");
      log.warn("Model asked for unknown tool for tenant {}", invocation.tenantId());
      return error(call, "unknown tool " + call.name());
    }
    ToolScope scope = invocation.scope();
    if (!handler.offeredTo(scope)) {
      // The model was never offered it here; the same answer as an unknown name tells it nothing.
      count(handler.name(), "not_offered");
      log.warn(
          "Model asked for tool {} not offered to {} of tenant {}",
          handler.name(),
          scope.audience(),
          scope.tenantId());
      return error(call, "unknown tool " + call.name());
    }
    Map<String, Object> response;
    try {
      response = handler.handle(invocation);
    } catch (IllegalArgumentException badArguments) {
      count(handler.name(), "bad_arguments");
      return error(call, String.valueOf(badArguments.getMessage()));
    } catch (RuntimeException failure) {
      count(handler.name(), "failed");
      throw failure;
    }
    count(handler.name(), "ok");
    return new ToolResult(call.id(), call.name(), response == null ? Map.of() : response);
  }

  private static ToolResult error(ToolCall call, String message) {
    return new ToolResult(call.id(), call.name(), Map.of("error", message));
  }

  private void count(String tool, String outcome) {
    Counter.builder("clinicflow.tools.calls")
        .description("Tool calls run for the agent")
        .tag("tool", tool)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
