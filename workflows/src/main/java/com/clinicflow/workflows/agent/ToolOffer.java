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

  /**
   * Waits for the recorded catalog, where there is one: runs before {@code tools-by-audience}
   * waited for it at the start of the loop, before running a retried turn's pending tool calls, and
   * replay must find the same order.
   */
  void awaitRecorded() {
    if (recorded != null) {
      recorded.get();
    }
  }

  /** A model call that offers these tools: by audience, or listing the recorded catalog. */
  LlmRequest request(String tenantId, String systemInstruction, List<ChatMessage> history) {
    return recorded == null
        ? LlmRequest.offering(tenantId, systemInstruction, history, audience)
        : new LlmRequest(tenantId, systemInstruction, history, recorded.get().tools());
  }
}
