package com.clinicflow.workflows.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.testing.ConversationHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietWindowTest {

  private static final Duration WINDOW = Duration.ofMillis(200);
  private static final long NOW = 1_763_039_928_000L;

  private static InboundMessage received(Long millis) {
    InboundMessage message =
        new InboundMessage(
            "m",
            "i",
            "5511900000001",
            null,
            false,
            null,
            MessageKind.TEXT,
            "Oi",
            null,
            null,
            null,
            null,
            null);
    return ConversationHarness.receivedAt(
        message, millis == null ? null : Instant.ofEpochMilli(millis));
  }

  @Test
  void theWindowCountsFromTheLatestReceipt() {
    assertThat(QuietWindow.remainingMillis(List.of(received(NOW - 30)), NOW, WINDOW))
        .isEqualTo(170);
    assertThat(
            QuietWindow.remainingMillis(
                List.of(received(NOW - 180), received(NOW - 10)), NOW, WINDOW))
        .isEqualTo(190);
  }

  @Test
  void aBurstQuietForTheWholeWindowWaitsNoMore() {
    assertThat(QuietWindow.remainingMillis(List.of(received(NOW - 900)), NOW, WINDOW)).isZero();
  }

  /** Receipts stamped by a clock ahead of the Temporal server's wait the whole window, no more. */
  @Test
  void aReceiptFromTheFutureWaitsTheWholeWindow() {
    assertThat(QuietWindow.remainingMillis(List.of(received(NOW + 60_000)), NOW, WINDOW))
        .isEqualTo(200);
  }

  /** Messages from an API older than decision 0015 carry no receipt: the window starts now. */
  @Test
  void aMessageWithoutAReceiptCountsAsReceivedNow() {
    assertThat(
            QuietWindow.remainingMillis(List.of(received(NOW - 900), received(null)), NOW, WINDOW))
        .isEqualTo(200);
  }
}
