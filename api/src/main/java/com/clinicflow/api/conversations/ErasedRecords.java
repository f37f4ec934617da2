package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** What an erasure removed from PostgreSQL, row counts by kind. */
@Schema(
    description = "Rows removed from PostgreSQL (or, for the inbound ledger, unlinked), by kind.")
public record ErasedRecords(
    @Schema(description = "Conversation rows (one per contact the patient was known by).")
        @JsonProperty("conversations")
        int conversations,
    @Schema(description = "Transcript messages: the model's memory of the patient.")
        @JsonProperty("messages")
        int messages,
    @Schema(description = "Learned links between the phone and its WhatsApp LIDs.")
        @JsonProperty("contact_links")
        int contactLinks,
    @Schema(description = "Rows of the outbound ledger addressed to the patient.")
        @JsonProperty("sent_messages")
        int sentMessages,
    @Schema(
            description =
                "Rows of the inbound (redelivery) ledger of the patient's messages, unlinked from"
                    + " the patient: each keeps only the provider's message id, so that a"
                    + " redelivered webhook is still answered duplicate, until the ledger's"
                    + " retention.")
        @JsonProperty("received_messages")
        int receivedMessages,
    @Schema(description = "Activity-log lines of the patient's conversation workflows.")
        @JsonProperty("activity_lines")
        int activityLines) {}
