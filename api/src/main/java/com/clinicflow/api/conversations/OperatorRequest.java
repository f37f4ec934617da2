package com.clinicflow.api.conversations;

import com.clinicflow.api.errors.InvalidFieldException;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** Optional body of a retry or a skip: who asks (kept in the workflow's history). */
@Schema(description = "Optional body of a retry or a skip.")
public record OperatorRequest(
    @Schema(description = "Who asks; default admin-api.", example = "maria")
        @JsonProperty("requested_by")
        String requestedBy) {

  /** Who an operator's call names when it names nobody. */
  static final String DEFAULT_REQUESTER = "admin-api";

  static final int MAX_REQUESTER_LENGTH = 100;

  /** Who asks, from an optional body. */
  static String requester(OperatorRequest body) {
    return requester(body == null ? null : body.requestedBy());
  }

  /** Who asks: trimmed, {@link #DEFAULT_REQUESTER} when blank, 400 when too long. */
  static String requester(String requestedBy) {
    if (requestedBy == null || requestedBy.isBlank()) {
      return DEFAULT_REQUESTER;
    }
    String requester = requestedBy.trim();
    if (requester.length() > MAX_REQUESTER_LENGTH) {
      throw new InvalidFieldException(
          "requested_by", "requested_by must be at most " + MAX_REQUESTER_LENGTH + " characters.");
    }
    return requester;
  }
}
