package com.clinicflow.activities.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A message Evolution accepted must be recorded as sent even while PostgreSQL restarts: a failed
 * record would make Temporal retry the activity and send the message a second time.
 */
class RecordSentRetryTest {

  @Test
  void theRecordIsRetriedUntilTheDatabaseIsBack() {
    AtomicInteger attempts = new AtomicInteger();
    EvolutionWhatsAppActivities.recordSent(
        () -> {
          if (attempts.incrementAndGet() <= 3) {
            throw new DataAccessResourceFailureException("connection refused");
          }
        },
        Duration.ofSeconds(20));
    assertThat(attempts).hasValue(4);
  }

  @Test
  void aDatabaseAwayLongerThanTheBudgetFailsTheAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                EvolutionWhatsAppActivities.recordSent(
                    () -> {
                      attempts.incrementAndGet();
                      throw new DataAccessResourceFailureException("connection refused");
                    },
                    Duration.ofMillis(600)))
        .isInstanceOf(DataAccessResourceFailureException.class);
    assertThat(attempts.get()).isBetween(2, 3);
  }
}
