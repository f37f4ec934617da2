package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A clinic's message quota after counting one message.
 *
 * @param accepted whether the counted message is within the quota
 * @param count messages counted in the current period
 * @param limit the clinic's monthly limit
 * @param periodStart start of the current quota period
 */
public record QuotaUsage(
    @JsonProperty("accepted") boolean accepted,
    @JsonProperty("count") int count,
    @JsonProperty("limit") int limit,
    @JsonProperty("period_start") Instant periodStart) {

  /** For lookups that do not count a message (staff chats). */
  public static QuotaUsage notCounted() {
    return new QuotaUsage(true, 0, 0, null);
  }
}
