package com.clinicflow.api.conversations;

import com.clinicflow.api.errors.ApiException;
import com.clinicflow.workflows.patient.ConversationView;
import com.clinicflow.workflows.patient.OperatorRetry;
import com.clinicflow.workflows.patient.OperatorSkip;
import com.clinicflow.workflows.patient.UnansweredMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.payload.codec.ChainCodec;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A conversation's workflow as the admin API sees it, through the {@link WorkflowClient}: whether
 * it runs, its {@code state} query, its {@code retry} and {@code skip} signals, its history, and
 * ending and deleting it when a patient's data is erased. Names are those of {@code
 * PatientHandler}'s annotations ({@code state}, {@code retry}), the contract of the workflow.
 */
@Component
class ConversationWorkflows {

  static final String STATE_QUERY = "state";
  static final String UNANSWERED_QUERY = "unanswered";
  static final String RETRY_SIGNAL = "retry";
  static final String SKIP_SIGNAL = "skip";

  private final WorkflowClient client;
  private final HistoryDecoder decoder;

  /** Without a codec bean (no payload encryption configured here) payloads are read as they are. */
  ConversationWorkflows(
      WorkflowClient client, ObjectProvider<PayloadCodec> codec, ObjectMapper json) {
    this.client = client;
    this.decoder = new HistoryDecoder(codec.getIfAvailable(() -> new ChainCodec(List.of())), json);
  }

  /** The live state of the conversation's running workflow; empty when none runs. */
  Optional<ConversationView> state(String workflowId) {
    return temporal(() -> queryRunning(workflowId, STATE_QUERY, ConversationView.class));
  }

  /**
   * The patient's messages the running workflow holds unanswered ({@code unanswered} query): a
   * waiting turn's and those that came meanwhile, not yet in the transcript. Empty when no workflow
   * runs, or when Temporal or a worker (one from before the query) does not answer: the transcript
   * it accompanies is read from PostgreSQL and does not fail with it.
   */
  Optional<List<UnansweredMessage>> unanswered(String workflowId) {
    try {
      return queryRunning(workflowId, UNANSWERED_QUERY, UnansweredMessage[].class).map(List::of);
    } catch (WorkflowException | StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  /** The answer of the workflow's running run to {@code query}; empty when none runs. */
  private <T> Optional<T> queryRunning(String workflowId, String query, Class<T> answer) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    Optional<WorkflowExecutionDescription> run = describe(stub);
    if (run.isEmpty() || run.get().getStatus() != RUNNING) {
      return Optional.empty();
    }
    // A run that completes between describe and query is still answered: Temporal answers
    // queries of closed workflows from their history.
    return Optional.ofNullable(stub.query(query, answer));
  }

  /**
   * Sends the retry signal.
   *
   * @return false when no workflow runs under this id (it completed meanwhile)
   */
  boolean retry(String workflowId, OperatorRetry retry) {
    return signal(workflowId, RETRY_SIGNAL, retry);
  }

  /**
   * Sends the skip signal.
   *
   * @return false when no workflow runs under this id (it completed meanwhile)
   */
  boolean skip(String workflowId, OperatorSkip skip) {
    return signal(workflowId, SKIP_SIGNAL, skip);
  }

  private boolean signal(String workflowId, String name, Object payload) {
    return temporal(
        () -> {
          try {
            client.newUntypedWorkflowStub(workflowId).signal(name, payload);
            return true;
          } catch (WorkflowNotFoundException e) {
            return false;
          }
        });
  }

  /**
   * Ends the conversation's running workflow, without running any more of it (a patient's erasure:
   * its state holds their messages).
   *
   * @return false when none runs under this id
   */
  boolean terminate(String workflowId, String reason) {
    return temporal(
        () -> {
          try {
            client.newUntypedWorkflowStub(workflowId).terminate(reason);
            return true;
          } catch (WorkflowNotFoundException e) {
            return false;
          }
        });
  }

  /** What became of a conversation's Temporal history when asked to delete it. */
  enum HistoryDeletion {
    DELETED,
    /** This server does not delete executions (the embedded one): retention removes them. */
    KEPT,
    /** Temporal has no closed run under this id. */
    NONE
  }

  /**
   * Asks Temporal to delete the latest run of the workflow, with its history (asynchronously, on
   * the server), when that run is closed. A running one was started after the erasure ended the
   * patient's conversation (they wrote again): it is not part of the erasure and is left alone.
   * Earlier runs of a conversation that continued as new stay until the namespace's retention
   * removes them.
   */
  HistoryDeletion deleteHistory(String workflowId) {
    return temporal(
        () -> {
          Optional<WorkflowExecutionDescription> run =
              describe(client.newUntypedWorkflowStub(workflowId));
          if (run.isEmpty() || run.get().getStatus() == RUNNING) {
            return HistoryDeletion.NONE;
          }
          try {
            client
                .getWorkflowServiceStubs()
                .blockingStub()
                .deleteWorkflowExecution(
                    DeleteWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setWorkflowExecution(run.get().getExecution())
                        .build());
            return HistoryDeletion.DELETED;
          } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
              return HistoryDeletion.NONE;
            }
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
              return HistoryDeletion.KEPT;
            }
            throw e;
          }
        });
  }

  /** The decoded history of the current run (or of the last one); empty when there is none. */
  Optional<ConversationHistory> history(String workflowId) {
    return temporal(
        () -> {
          Optional<WorkflowExecutionDescription> run =
              describe(client.newUntypedWorkflowStub(workflowId));
          if (run.isEmpty()) {
            return Optional.empty();
          }
          String runId = run.get().getExecution().getRunId();
          return Optional.of(
              new ConversationHistory(
                  workflowId,
                  runId,
                  run.get().getStatus() == RUNNING,
                  decoder.events(client.fetchHistory(workflowId, runId).getEvents())));
        });
  }

  private static final WorkflowExecutionStatus RUNNING =
      WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

  private static Optional<WorkflowExecutionDescription> describe(WorkflowStub stub) {
    try {
      return Optional.ofNullable(stub.describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Temporal unreachable, or no worker answering a query: 503, with a fixed sentence (a query's
   * failure could quote workflow data).
   */
  private static <T> T temporal(Supplier<T> call) {
    try {
      return call.get();
    } catch (WorkflowException | StatusRuntimeException e) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "temporal_unavailable",
          "Temporal did not answer for this conversation's workflow; try again in a moment.");
    }
  }
}
