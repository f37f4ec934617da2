package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

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

  /**
   * The ledger's writes commit without waiting for the WAL flush (see the class comment), and only
   * their own transaction does: the pooled connection goes back with synchronous commit on.
   */
  @Test
  void theLedgersWritesCommitAsynchronouslyAndOnlyThemselves() throws Exception {
    try (Connection connection = EmbeddedDatabase.dataSource().getConnection()) {
      JdbcClient one = JdbcClient.create(new SingleConnectionDataSource(connection, true));
      // The test database runs with it off; the application's embedded one (and production) on.
      one.sql("SET synchronous_commit TO on").update();
      connection.setAutoCommit(false); // to look inside the write's transaction before it ends
      InboundLedgerRepository onOneConnection = new InboundLedgerRepository(one);

      assertThat(onOneConnection.claim("clinic-a", "WHATSAPP", "m-async", "wf")).isTrue();
      assertThat(synchronousCommit(one)).isEqualTo("off");
      connection.commit();
      assertThat(synchronousCommit(one)).isEqualTo("on");

      onOneConnection.markSignalled("clinic-a", "WHATSAPP", "m-async");
      assertThat(synchronousCommit(one)).isEqualTo("off");
      connection.commit();
      assertThat(synchronousCommit(one)).isEqualTo("on");
      assertThat(ledger.isSignalled("clinic-a", "WHATSAPP", "m-async")).isTrue();
      connection.setAutoCommit(true);
      one.sql("RESET synchronous_commit").update();
    }
  }

  private static String synchronousCommit(JdbcClient jdbc) {
    return jdbc.sql("SHOW synchronous_commit").query(String.class).single();
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
