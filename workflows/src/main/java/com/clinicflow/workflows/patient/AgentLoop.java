package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmActivities;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.ToolActivities;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.common.ActivityStubs;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent loop of one turn: ask the LLM; while it asks for tools, run each as its own activity
 * and give it the results; stop at its words or after {@code maxToolRounds} rounds (then one last
 * call without tools forces an answer in words). Every message of the loop, tool calls and results
 * included, goes into the turn so memory records what was really done.
 */
final class AgentLoop {

  private final LlmActivities llm = ActivityStubs.llm(LlmActivities.class);
  private final ToolActivities tools = ActivityStubs.external(ToolActivities.class);
  private final ConversationStart conversation;
  private final int maxToolRounds;

  AgentLoop(ConversationStart conversation, int maxToolRounds) {
    this.conversation = conversation;
    this.maxToolRounds = maxToolRounds;
  }

  /**
   * Runs (or, after an operator's retry, continues) the loop. Progress lives in {@code turn}: a
   * retry re-asks the LLM from the messages already collected, never re-running finished tools.
   */
  void run(Turn turn, ChatMessage patientMessage, String systemInstruction) {
    if (turn.newMessages.isEmpty()) {
      turn.newMessages.add(patientMessage);
    }
    List<ToolSpec> offered =
        tools.catalog(new ToolScope(conversation.tenantId(), ToolScope.Audience.PATIENT)).tools();
    while (true) {
      List<ToolCall> unanswered = pendingCalls(turn);
      if (!unanswered.isEmpty()) {
        // Runs the calls of the model's last message; after a failed tool and an operator's
        // retry this continues exactly there (the keys make finished tools no-ops).
        turn.newMessages.add(runTools(turn, unanswered));
        turn.toolRounds++;
        continue;
      }
      boolean lastChance = turn.toolRounds >= maxToolRounds;
      List<ChatMessage> history = new ArrayList<>(turn.memory);
      history.addAll(turn.newMessages);
      LlmReply reply =
          llm.generate(
              new LlmRequest(
                  conversation.tenantId(),
                  systemInstruction,
                  history,
                  lastChance ? List.of() : offered));
      turn.newMessages.add(reply.message());
      if (!reply.wantsTools() || lastChance) {
        turn.replyText = reply.text() == null ? "" : reply.text().strip();
        return;
      }
    }
  }

  /** Tool calls of the turn's last message when it is the model's and still unanswered. */
  private static List<ToolCall> pendingCalls(Turn turn) {
    ChatMessage last = turn.newMessages.get(turn.newMessages.size() - 1);
    if (last.role() != ChatRole.MODEL) {
      return List.of();
    }
    return last.parts().stream().filter(p -> p.toolCall() != null).map(ChatPart::toolCall).toList();
  }

  private ChatMessage runTools(Turn turn, List<ToolCall> calls) {
    List<ChatPart> results = new ArrayList<>();
    for (ToolCall call : calls) {
      ToolResult result =
          tools.invoke(
              new ToolInvocation(
                  conversation.tenantId(),
                  conversation.contact(),
                  Workflow.getInfo().getWorkflowId(),
                  idempotencyKey(turn.key, call),
                  call));
      results.add(ChatPart.toolResult(result));
    }
    return new ChatMessage(ChatRole.USER, results);
  }

  /**
   * Same turn, same tool, same arguments: same key. A retried turn whose LLM asks for the same
   * booking again therefore cannot book twice. Arguments are sorted so key order does not matter.
   */
  static String idempotencyKey(String turnKey, ToolCall call) {
    Map<String, Object> sorted = call.args() == null ? Map.of() : new TreeMap<>(call.args());
    return turnKey + ":" + call.name() + ":" + Integer.toHexString(sorted.toString().hashCode());
  }
}
