package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to an erasure: what was ended and removed, in counts (never the contacts). */
@Schema(description = "The patient's data at this clinic was erased.")
public record PatientErased(
    @Schema(allowableValues = "erased") @JsonProperty("status") String status,
    @JsonProperty("tenant_id") String tenantId,
    @Schema(description = "Contacts the patient was known by: the phone and its learned LIDs.")
        @JsonProperty("contacts")
        int contacts,
    @Schema(
            description =
                "Conversation workflows that were running and were terminated. When above 0, what"
                    + " the worker was doing as a conversation ended (a reply being sent, a turn"
                    + " being saved) can still be recorded after this answer: erase again a"
                    + " minute later.")
        @JsonProperty("workflows_terminated")
        int workflowsTerminated,
    @Schema(
            description =
                "What became of the conversations' Temporal histories: deleted (the runs just"
                    + " ended; earlier runs expire with the namespace's retention),"
                    + " kept_until_retention (this Temporal server cannot delete: the embedded"
                    + " one), or none (no closed run).",
            allowableValues = {"deleted", "kept_until_retention", "none"})
        @JsonProperty("temporal_histories")
        String temporalHistories,
    @JsonProperty("erased") ErasedRecords erased,
    @JsonProperty("requested_by") String requestedBy) {}
