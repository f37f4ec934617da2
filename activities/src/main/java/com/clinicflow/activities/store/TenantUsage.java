package com.clinicflow.activities.store;

import java.time.Instant;

/**
 * A clinic's message quota as it stands now. A period that has ended but not been reset yet is
 * shown as the new, empty period it effectively is ({@code increment_message_count} would roll it
 * over at the next message).
 *
 * @param messageCount messages (turns) counted in the current period
 * @param messageLimit the monthly limit; 0 = no messages at all
 * @param periodStart start of the current period (midnight of the 1st, clinic time)
 * @param periodEnd start of the next period
 */
public record TenantUsage(
    String tenantId,
    String clinicName,
    boolean active,
    String timezone,
    int messageCount,
    int messageLimit,
    Instant periodStart,
    Instant periodEnd) {

  /** Share of the limit used, in percent with one decimal; 100 when the limit is 0. */
  public double percent() {
    if (messageLimit <= 0) {
      return 100.0;
    }
    return Math.round(1000.0 * messageCount / messageLimit) / 10.0;
  }

  public int remaining() {
    return Math.max(0, messageLimit - messageCount);
  }

  public boolean exceeded() {
    return messageCount >= messageLimit;
  }
}
