package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** What a retry of the waiting conversations signalled; each goes on in the background. */
@Schema(
    description =
        "The waiting conversations the retry was sent to, longest waiting first; each goes on in"
            + " the background.")
public record AttentionRetried(
    @JsonProperty("requested_by") String requestedBy,
    @Schema(description = "Conversations whose workflow got the retry signal.")
        @JsonProperty("signalled")
        int signalled,
    @Schema(
            description =
                "Conversations recorded as waiting whose workflow no longer runs (e.g. ended from"
                    + " the Temporal UI): nothing to retry there.")
        @JsonProperty("not_running")
        int notRunning,
    @JsonProperty("conversations") List<Retried> conversations) {

  static final String SIGNALLED = "signalled";
  static final String NOT_RUNNING = "not_running";

  /** One conversation of the list, and what became of its retry. */
  @Schema(name = "RetriedConversation")
  public record Retried(
      @JsonProperty("tenant_id") String tenantId,
      @JsonProperty("contact") String contact,
      @JsonProperty("workflow_id") String workflowId,
      @JsonProperty("last_error") String lastError,
      @Schema(allowableValues = {SIGNALLED, NOT_RUNNING}) @JsonProperty("outcome")
          String outcome) {}

  static AttentionRetried of(String requestedBy, List<Retried> conversations) {
    long signalled = conversations.stream().filter(c -> SIGNALLED.equals(c.outcome())).count();
    return new AttentionRetried(
        requestedBy,
        (int) signalled,
        conversations.size() - (int) signalled,
        List.copyOf(conversations));
  }
}
