package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The Temporal history of a conversation's current (or last) run, with every payload decoded: the
 * events as Temporal's proto3 JSON, where each payload is replaced by its value (JSON payloads as
 * JSON values, {@code binary/null} as null, other encodings as {@code {"encoding", "data"}} with
 * base64 data, and a payload the codec cannot decode left as it was with {@code "undecodable":
 * true}).
 */
@Schema(description = "The decoded Temporal history of a conversation's current or last run.")
public record ConversationHistory(
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("run_id") String runId,
    @JsonProperty("workflow_running") boolean workflowRunning,
    @Schema(description = "Temporal history events (proto3 JSON) with decoded payloads.")
        @JsonProperty("events")
        List<JsonNode> events) {}
