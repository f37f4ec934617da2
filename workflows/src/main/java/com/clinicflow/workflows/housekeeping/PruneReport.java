package com.clinicflow.workflows.housekeeping;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one pruning round deleted, by table.
 *
 * @param inboundLedger {@code processed_message} rows (webhook redelivery ledger)
 * @param outboundLedger {@code outbound_message} rows (send ledger)
 * @param telegramUpdates {@code telegram_update} rows (staff update ledger)
 * @param taskRequests {@code task_request} rows (staff task idempotency)
 * @param activityLines {@code tenant_activity_log} lines
 * @param transcriptMessages {@code conversation_message} rows (patients' transcripts, whole turns);
 *     absent, so 0, in the histories of rounds before transcripts could expire
 * @param conversations {@code conversation} rows left without a transcript and unchanged for the
 *     transcripts' retention (absent, so 0, before then too)
 * @param more whether some table had more to delete than one round takes
 */
public record PruneReport(
    @JsonProperty("inbound_ledger") int inboundLedger,
    @JsonProperty("outbound_ledger") int outboundLedger,
    @JsonProperty("telegram_updates") int telegramUpdates,
    @JsonProperty("task_requests") int taskRequests,
    @JsonProperty("activity_lines") int activityLines,
    @JsonProperty("transcript_messages") int transcriptMessages,
    @JsonProperty("conversations") int conversations,
    @JsonProperty("more") boolean more) {

  @JsonIgnore
  public int total() {
    return inboundLedger
        + outboundLedger
        + telegramUpdates
        + taskRequests
        + activityLines
        + transcriptMessages
        + conversations;
  }
}
