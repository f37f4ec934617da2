package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboundLedgerRepositoryTest {

  private final InboundLedgerRepository ledger =
      new InboundLedgerRepository(EmbeddedDatabase.jdbc());

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
  }

  @Test
  void ofThreeConcurrentDeliveriesExactlyOneClaimsTheMessage() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> claims = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        String workflowId = "wf-" + i;
        claims.add(
            pool.submit(
                () -> {
                  go.await();
                  return ledger.claim("clinic-a", "WHATSAPP", "3EB0C0FFEE", workflowId);
                }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> claim : claims) {
        if (claim.get(30, TimeUnit.SECONDS)) {
          won++;
        }
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReleasedMessageCanBeClaimedAgain() {
    assertThat(ledger.claim("clinic-a", "WHATSAPP", "m1", "wf")).isTrue();
    assertThat(ledger.claim("clinic-a", "WHATSAPP", "m1", "wf")).isFalse();

    ledger.release("clinic-a", "WHATSAPP", "m1");

    assertThat(ledger.claim("clinic-a", "WHATSAPP", "m1", "wf")).isTrue();
  }

  @Test
  void theSameIdAtTwoClinicsOrTwoChannelsIsTwoMessages() {
    assertThat(ledger.claim("clinic-a", "WHATSAPP", "m1", "wf-a")).isTrue();
    assertThat(ledger.claim("clinic-b", "WHATSAPP", "m1", "wf-b")).isTrue();
    assertThat(ledger.claim("clinic-a", "TELEGRAM", "m1", "wf-a")).isTrue();

    ledger.release("clinic-b", "WHATSAPP", "m1");

    assertThat(ledger.claim("clinic-a", "WHATSAPP", "m1", "wf-a")).isFalse();
    assertThat(ledger.claim("clinic-b", "WHATSAPP", "m1", "wf-b")).isTrue();
  }

  @Test
  void aClaimIsUnsignalledUntilMarked() {
    assertThat(ledger.claim("clinic-a", "WHATSAPP", "m9", "wf")).isTrue();
    assertThat(ledger.isSignalled("clinic-a", "WHATSAPP", "m9")).isFalse();
    ledger.markSignalled("clinic-a", "WHATSAPP", "m9");
    assertThat(ledger.isSignalled("clinic-a", "WHATSAPP", "m9")).isTrue();
    assertThat(ledger.isSignalled("clinic-b", "WHATSAPP", "m9")).isFalse();
  }
}
