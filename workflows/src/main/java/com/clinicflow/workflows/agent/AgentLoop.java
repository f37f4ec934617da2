package com.clinicflow.workflows.agent;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent loop of one turn, shared by the patient conversation and the staff assistant: ask the
 * LLM; while it asks for tools, run each as its own activity and give it the results; stop at its
 * words or after {@code maxToolRounds} rounds (then one last call without tools forces an answer in
 * words). Every message of the loop, tool calls and results included, goes into the turn so memory
 * records what was really done.
 *
 * <p>Workflow code: construct it inside a workflow. The commands it issues are, in order, {@code
 * Tools.catalog} (a local activity since {@code local-database-activities}; started earlier by the
 * caller through {@link #offerTools} in patient turns since {@code turn-starts-early}; none since
 * {@code tools-by-audience}, when the model's activity looks the tools up), then {@code
 * Llm.generate} and {@code Tools.invoke} as the model asks; running conversations replay against
 * exactly that sequence.
 */
public final class AgentLoop {

  private final LlmActivities llm = ActivityStubs.llm(LlmActivities.class);
  private final ToolActivities tools = ActivityStubs.external(ToolActivities.class);
  private final String tenantId;
  private final String contact;
  private final ToolScope.Audience audience;
  private final int maxToolRounds;

  /**
   * @param tenantId the clinic the tools act for, whatever the model's arguments say
   * @param contact the patient (conversation key) or the staff chat ({@code telegram:{chat_id}})
   * @param audience which tools are offered: a patient is never offered a staff tool
   * @param maxToolRounds tool rounds before the model must answer in words
   */
  public AgentLoop(
      String tenantId, String contact, ToolScope.Audience audience, int maxToolRounds) {
    this.tenantId = tenantId;
    this.contact = contact;
    this.audience = audience;
    this.maxToolRounds = maxToolRounds;
  }

  /**
   * Runs (or, after an operator's retry, continues) the loop. Progress lives in {@code turn}: a
   * retry re-asks the LLM from the messages already collected, never re-running finished tools.
   */
  public void run(AgentTurn turn, ChatMessage userMessage, String systemInstruction) {
    run(turn, userMessage, systemInstruction, offerTools());
  }

  /**
   * Like {@link #run(AgentTurn, ChatMessage, String)}, with the tools decided earlier ({@link
   * #offerTools}), e.g. while the clinic checks run.
   */
  public void run(
      AgentTurn turn, ChatMessage userMessage, String systemInstruction, ToolOffer offer) {
    if (turn.newMessages().isEmpty()) {
      turn.newMessages().add(userMessage);
    }
    offer.awaitRecorded();
    while (true) {
      List<ToolCall> unanswered = pendingCalls(turn);
      if (!unanswered.isEmpty()) {
        // Runs the calls of the model's last message; after a failed tool and an operator's
        // retry this continues exactly there (the keys make finished tools no-ops).
        turn.newMessages().add(runTools(turn, unanswered));
        turn.countToolRound();
        continue;
      }
      boolean lastChance = turn.toolRounds() >= maxToolRounds;
      List<ChatMessage> history = new ArrayList<>(turn.memory());
      history.addAll(turn.newMessages());
      LlmReply reply =
          llm.generate(
              lastChance
                  ? new LlmRequest(tenantId, systemInstruction, history, List.of())
                  : offer.request(tenantId, systemInstruction, history));
      turn.hear(reply.transcripts());
      turn.newMessages().add(reply.message());
      if (!reply.wantsTools() || lastChance) {
        turn.setReplyText(reply.text() == null ? "" : reply.text().strip());
        return;
      }
    }
  }

  /**
   * Decides the tools this audience is offered, without waiting: by audience since {@code
   * tools-by-audience}; before it, the catalog asked for by a local activity (a regular one in runs
   * recorded before {@code local-database-activities}).
   */
  public ToolOffer offerTools() {
    if (Changes.isOn(Changes.TOOLS_BY_AUDIENCE)) {
      return new ToolOffer(audience, null);
    }
    ToolActivities catalog = ActivityStubs.local(ToolActivities.class);
    return new ToolOffer(
        audience, Async.function(catalog::catalog, new ToolScope(tenantId, audience)));
  }

  /** Tool calls of the turn's last message when it is the model's and still unanswered. */
  private static List<ToolCall> pendingCalls(AgentTurn turn) {
    ChatMessage last = turn.newMessages().get(turn.newMessages().size() - 1);
    if (last.role() != ChatRole.MODEL) {
      return List.of();
    }
    return last.parts().stream().filter(p -> p.toolCall() != null).map(ChatPart::toolCall).toList();
  }

  private ChatMessage runTools(AgentTurn turn, List<ToolCall> calls) {
    List<ChatPart> results = new ArrayList<>();
    for (ToolCall call : calls) {
      ToolResult result =
          tools.invoke(
              new ToolInvocation(
                  tenantId,
                  contact,
                  Workflow.getInfo().getWorkflowId(),
                  idempotencyKey(turn.key(), call),
                  call,
                  audience));
      results.add(ChatPart.toolResult(result));
    }
    return new ChatMessage(ChatRole.USER, results);
  }

  /**
   * Same turn, same tool, same arguments: same key. A retried turn whose LLM asks for the same
   * booking again therefore cannot book twice. Arguments are sorted so key order does not matter.
   */
  public static String idempotencyKey(String turnKey, ToolCall call) {
    Map<String, Object> sorted = call.args() == null ? Map.of() : new TreeMap<>(call.args());
    return turnKey + ":" + call.name() + ":" + Integer.toHexString(sorted.toString().hashCode());
  }
}
