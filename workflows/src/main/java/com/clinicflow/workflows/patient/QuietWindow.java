package com.clinicflow.workflows.patient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How much longer a burst waits for quiet when the window counts from the webhook's receipt
 * (decision 0015): the debounce minus the time the patient has already been quiet since the latest
 * pending message reached ClinicFlow. Time the message spent in the webhook, in Temporal's queue or
 * behind a busy worker is thus part of the window instead of added to it.
 *
 * <p>Receipts come from the API's clock and "now" from the Temporal server's, so the quiet time is
 * kept within [0, debounce]: a receipt from an API host whose clock runs ahead waits the whole
 * window (as before decision 0015); one whose clock runs behind by more than the window does not
 * wait, and a burst then becomes several turns, still in order and each answered once.
 */
final class QuietWindow {

  private QuietWindow() {}

  /**
   * @param pending the burst so far (not empty)
   * @param nowMillis workflow time
   * @return milliseconds still to wait; 0 when the burst is already over. A message without a
   *     receipt (sent by an API older than decision 0015) counts as received now.
   */
  static long remainingMillis(List<InboundMessage> pending, long nowMillis, Duration debounce) {
    long window = debounce.toMillis();
    long latest = Long.MIN_VALUE;
    for (InboundMessage message : pending) {
      Instant received = message.receivedAt();
      latest = Math.max(latest, received == null ? nowMillis : received.toEpochMilli());
    }
    long quietSoFar = Math.max(0, Math.min(window, nowMillis - latest));
    return window - quietSoFar;
  }
}
