package com.clinicflow.api.conversations;

import com.clinicflow.api.errors.InvalidFieldException;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** Which conversations waiting for an operator to retry at once; every field is optional. */
@Schema(description = "Which waiting conversations to retry; every field optional.")
public record AttentionRetryRequest(
    @Schema(description = "Only this clinic's; omit for every clinic's.", example = "clinica-x")
        @JsonProperty("tenant_id")
        String tenantId,
    @Schema(
            description =
                "Only those whose last_error is this failure type (any case), e.g. the one an"
                    + " outage left behind.",
            example = "UPSTREAM_UNAVAILABLE")
        @JsonProperty("last_error")
        String lastError,
    @Schema(
            description =
                "At most this many, longest waiting first: 1 to "
                    + ConversationLimits.MAX
                    + ", default "
                    + AttentionRetryRequest.DEFAULT_LIMIT
                    + ".")
        @JsonProperty("limit")
        Integer limit,
    @Schema(description = "Who asks; default admin-api.", example = "maria")
        @JsonProperty("requested_by")
        String requestedBy) {

  static final int DEFAULT_LIMIT = 100;

  static final int MAX_ERROR_LENGTH = 100;

  /** No body: every clinic, any failure, the default limit. */
  static final AttentionRetryRequest ANY = new AttentionRetryRequest(null, null, null, null);

  /** The clinic asked for, or null for every clinic. */
  String clinic() {
    return tenantId == null || tenantId.isBlank() ? null : tenantId.trim();
  }

  /** The failure type asked for, or null for any; 400 when too long to be one. */
  String failureType() {
    if (lastError == null || lastError.isBlank()) {
      return null;
    }
    if (lastError.trim().length() > MAX_ERROR_LENGTH) {
      throw new InvalidFieldException(
          "last_error", "last_error must be at most " + MAX_ERROR_LENGTH + " characters.");
    }
    return lastError.trim();
  }

  /** How many at most; 400 out of range. */
  int atMost() {
    int atMost = limit == null ? DEFAULT_LIMIT : limit;
    ConversationLimits.check(atMost);
    return atMost;
  }
}
