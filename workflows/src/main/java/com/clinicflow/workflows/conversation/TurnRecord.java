package com.clinicflow.workflows.conversation;

import com.clinicflow.workflows.agent.ChatMessage;
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
 */
public record TurnRecord(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("turn_key") String turnKey,
    @JsonProperty("display_name") String displayName,
    @JsonProperty("messages") List<ChatMessage> messages,
    @JsonProperty("replied") boolean replied) {}
