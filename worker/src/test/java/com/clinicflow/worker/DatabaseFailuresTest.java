package com.clinicflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

  static final String PATIENT_TEXT = "Minha consulta, CPF 123.456.789-00";

  @ActivityInterface
  public interface Store {
    void saveTurn(String kind);
  }

  /** Fails the way a store activity does when PostgreSQL refuses what it was given. */
  static class FailingStore implements Store {
    @Override
    public void saveTurn(String kind) {
      if (kind.equals("database")) {
        SQLException refused =
            new SQLException(
                "ERROR: unsupported Unicode escape sequence\n  Where: JSON data, line 1: {\"text\":\""
                    + PATIENT_TEXT,
                "22P05");
        throw new IllegalStateException(
            "PreparedStatementCallback; ERROR: … {\"text\":\"" + PATIENT_TEXT, refused);
      }
      throw new IllegalArgumentException("no such turn kind: " + kind);
    }
  }

  @WorkflowInterface
  public interface Saver {
    @WorkflowMethod
    List<String> save(String kind);
  }

  /** Saves once as an activity and once as a local activity; says how each failed. */
  public static class SaverImpl implements Saver {
    @Override
    public List<String> save(String kind) {
      RetryOptions once = RetryOptions.newBuilder().setMaximumAttempts(1).build();
      Store remote =
          Workflow.newActivityStub(
              Store.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(5))
                  .setRetryOptions(once)
                  .build());
      Store local =
          Workflow.newLocalActivityStub(
              Store.class,
              LocalActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(5))
                  .setRetryOptions(once)
                  .build());
      List<String> failures = new ArrayList<>();
      for (Store store : List.of(remote, local)) {
        try {
          store.saveTurn(kind);
        } catch (ActivityFailure failure) {
          ApplicationFailure cause = (ApplicationFailure) failure.getCause();
          failures.add(cause.getType() + " | " + cause.getOriginalMessage());
        }
      }
      return failures;
    }
  }

  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new DatabaseFailures())
                        .build())
                .build());
    Worker worker = env.newWorker("q");
    worker.registerWorkflowImplementationTypes(SaverImpl.class);
    worker.registerActivitiesImplementations(new FailingStore());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void whatTheDatabaseQuotesNeverReachesTheHistoryOfAnActivityOrALocalActivity() {
    Saver saver =
        env.getWorkflowClient()
            .newWorkflowStub(
                Saver.class,
                WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId("db").build());

    List<String> failures = saver.save("database");

    assertThat(failures)
        .containsOnly(
            "java.lang.IllegalStateException | Database error, SQLState 22P05 (the database's"
                + " message is withheld: it can quote stored data)")
        .hasSize(2);
    History history = env.getWorkflowClient().fetchHistory("db").getHistory();
    assertThat(history.toString()).doesNotContain("CPF").doesNotContain("Minha consulta");
    // The stack trace stays, for whoever debugs it.
    assertThat(history.toString()).contains("FailingStore.saveTurn");
  }

  /** A failed rollback carries no SQLState: the message says so rather than "null". */
  @Test
  void aDatabaseErrorWithoutSqlStateSaysOnlyThatItIsOne() {
    RuntimeException withheld =
        DatabaseFailures.withheld(
            new IllegalStateException(
                "Could not roll back: " + PATIENT_TEXT, new SQLException(PATIENT_TEXT)));

    assertThat(withheld)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getOriginalMessage())
                  .isEqualTo(
                      "Database error (the database's message is withheld: it can quote stored"
                          + " data)");
              assertThat(f.getType()).isEqualTo("java.lang.IllegalStateException");
              assertThat(f.getCause()).isNull();
            });
  }

  @Test
  void otherFailuresKeepTheirMessage() {
    Saver saver =
        env.getWorkflowClient()
            .newWorkflowStub(Saver.class, WorkflowOptions.newBuilder().setTaskQueue("q").build());

    assertThat(saver.save("unknown"))
        .containsOnly("java.lang.IllegalArgumentException | no such turn kind: unknown")
        .hasSize(2);
  }
}
