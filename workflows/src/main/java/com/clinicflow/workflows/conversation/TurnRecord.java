package com.clinicflow.workflows.conversation;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.LlmReply;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The messages of one turn, appended to the transcript: the patient's words, every tool call and
 * result, and the reply. Saved by {@code turnKey} and position, so saving again inserts nothing.
 *
 * @param workflowId the conversation's workflow, recorded on the conversation row
 * @param turnKey made in the workflow, unique within the conversation
 * @param displayName the patient's WhatsApp name when known
 * @param replied whether this turn ends with a reply to the patient (updates last reply time)
 * @param heardEarlier what media of earlier turns says or shows, heard by this turn's model calls
 *     because it had no words yet (its description failed, came late, or was switched off then):
 *     kept beside that media in its own turn, so later turns stop fetching it. Left out when empty
 *     (turns recorded before it have none)
 */
public record TurnRecord(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("turn_key") String turnKey,
    @JsonProperty("display_name") String displayName,
    @JsonProperty("messages") List<ChatMessage> messages,
    @JsonProperty("replied") boolean replied,
    @JsonProperty("heard_earlier") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<LlmReply.Transcript> heardEarlier) {

  public TurnRecord {
    heardEarlier = heardEarlier == null ? List.of() : List.copyOf(heardEarlier);
  }

  /** A turn that heard no earlier media. */
  public TurnRecord(
      String tenantId,
      String contact,
      String workflowId,
      String turnKey,
      String displayName,
      List<ChatMessage> messages,
      boolean replied) {
    this(tenantId, contact, workflowId, turnKey, displayName, messages, replied, List.of());
  }
}
