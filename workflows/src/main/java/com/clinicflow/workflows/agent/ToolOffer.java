package com.clinicflow.workflows.agent;

import io.temporal.workflow.Promise;
import java.util.List;

/**
 * The tools an agent turn's model calls offer, decided once per turn ({@link
 * AgentLoop#offerTools}). Since {@code tools-by-audience} (decision 0019) they are named by
 * audience and the model's activity looks the clinic's catalog up itself: nothing about them is
 * recorded. Runs that have not passed that change ask for the catalog by a local activity, whose
 * answer is recorded in the run's history and listed in every model call.
 *
 * @param audience whom the tools are for
 * @param recorded the catalog's local activity, in runs before {@code tools-by-audience}; else null
 */
public record ToolOffer(ToolScope.Audience audience, Promise<ToolCatalog> recorded) {

  /** The tools listed in the model's calls: the recorded catalog's, waiting for it; else none. */
  List<ToolSpec> listed() {
    return recorded == null ? List.of() : recorded.get().tools();
  }

  /** A model call that offers these tools. */
  LlmRequest request(
      String tenantId, String systemInstruction, List<ChatMessage> history, List<ToolSpec> listed) {
    return recorded == null
        ? LlmRequest.offering(tenantId, systemInstruction, history, audience)
        : new LlmRequest(tenantId, systemInstruction, history, listed);
  }
}
