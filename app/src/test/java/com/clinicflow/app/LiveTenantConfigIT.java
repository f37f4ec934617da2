package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.worker.QuotaResetStarter;
import com.clinicflow.workflows.quota.QuotaResetWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Configuration is live: plain SQL on {@code tenant_config} reaches the next turn of running
 * conversations without a restart, and the quota reset runs from the moment a worker starts. The
 * tenant cache's TTL is ten minutes in these tests, so what is seen within seconds came through
 * LISTEN/NOTIFY.
 */
class LiveTenantConfigIT extends RunningClinicFlow {

  @Autowired WorkflowClient temporal;
  @Autowired QuotaResetStarter quotaResetStarter;

  private int sql(String statement, String tenantId) {
    return jdbc.sql(statement).param("tenant_id", tenantId).update();
  }

  @Test
  void aSqlUpdateOfThePromptChangesTheNextReplysSystemInstructionWithinTenSeconds()
      throws Exception {
    createClinic("live-prompt", "live_prompt_instance");
    String phone = nextPhone();
    patientWrites("live_prompt_instance", phone, "mensagem-antes-do-update");
    awaitTrue("the first reply", () -> sends(phone).size() == 1);
    assertThat(systemInstruction(geminiCallsMentioning("mensagem-antes-do-update").get(0)))
        .contains("Prompt of live-prompt: be kind.");

    // What an operator types in psql; the conversation workflow keeps running meanwhile.
    assertThat(
            sql(
                """
                UPDATE tenant_config
                   SET system_prompt_patient = 'Prompt novo: fale como um pirata.'
                 WHERE tenant_id = :tenant_id
                """,
                "live-prompt"))
        .isEqualTo(1);
    patientWrites("live_prompt_instance", phone, "mensagem-depois-do-update");

    awaitTrue(
        "the next reply's LLM call",
        Duration.ofSeconds(10),
        () -> !geminiCallsMentioning("mensagem-depois-do-update").isEmpty());
    String instruction =
        systemInstruction(geminiCallsMentioning("mensagem-depois-do-update").get(0));
    assertThat(instruction).contains("Prompt novo: fale como um pirata.");
    assertThat(instruction).doesNotContain("be kind");
  }

  @Test
  void aSqlDeactivationStopsTheNextReply() throws Exception {
    createClinic("live-off", "live_off_instance");
    String phone = nextPhone();
    patientWrites("live_off_instance", phone, "ativa-ainda");
    awaitTrue("the first reply", () -> sends(phone).size() == 1);

    sql("UPDATE tenant_config SET is_active = false WHERE tenant_id = :tenant_id", "live-off");
    patientWrites("live_off_instance", phone, "ja-desativada-por-sql");
    settle();

    assertThat(geminiCallsMentioning("ja-desativada-por-sql")).isEmpty();
    assertThat(sends(phone)).hasSize(1);
  }

  @Test
  void aClinicInsertedWithPlainSqlAnswersEvenIfItsInstanceWasUnknownAMomentAgo() throws Exception {
    String phone = nextPhone();
    // The webhook looks the instance up and caches "unknown" (for ten minutes here).
    assertThat(webhook(upsert("live_sql_instance", phone, "SQL-0", "cedo demais")).statusCode())
        .isEqualTo(404);

    jdbc.sql(
            """
            INSERT INTO tenant_config (tenant_id, clinic_name, evolution_instance_name,
                system_prompt_patient, system_prompt_internal, system_prompt_confirmation,
                fallback_message, quota_exceeded_message)
            VALUES ('live-sql', 'Clínica SQL', 'live_sql_instance', 'Prompt inserido por SQL.',
                'Equipe.', 'Confirme.', 'Desculpe.', 'Limite.')
            """)
        .update();

    awaitTrue(
        "the webhook to know the new instance",
        Duration.ofSeconds(10),
        () -> {
          try {
            return webhook(upsert("live_sql_instance", phone, "SQL-1", "agora sim")).statusCode()
                == 200;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    awaitTrue("the reply", () -> sends(phone).size() == 1);
    assertThat(systemInstruction(geminiCallsMentioning("agora sim").get(0)))
        .contains("Prompt inserido por SQL.");
  }

  @Test
  void theQuotaResetWorkflowRunsFromWorkerStartOnceAndHasDoneItsFirstRound() throws Exception {
    String runId = quotaResetStarter.ensureRunning();
    assertThat(quotaResetStarter.ensureRunning()).isEqualTo(runId);

    var describe =
        temporal
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.getOptions().getNamespace())
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(QuotaResetWorkflow.WORKFLOW_ID))
                    .build());
    assertThat(describe.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(describe.getWorkflowExecutionInfo().getExecution().getRunId()).isEqualTo(runId);

    awaitTrue(
        "the first round: reset, prune, then a timer until the next period",
        () -> {
          List<EventType> events =
              temporal.fetchHistory(QuotaResetWorkflow.WORKFLOW_ID).getEvents().stream()
                  .map(HistoryEvent::getEventType)
                  .toList();
          return events.contains(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
              && events.contains(EventType.EVENT_TYPE_TIMER_STARTED);
        });
    // The round also pruned (decision 0026), and the pruning completed against the real schema.
    List<String> activities =
        temporal.fetchHistory(QuotaResetWorkflow.WORKFLOW_ID).getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
            .toList();
    assertThat(activities)
        .containsSequence("Quota.ResetExpiredQuotas", "Housekeeping.PruneExpired");
    assertThat(
            temporal.fetchHistory(QuotaResetWorkflow.WORKFLOW_ID).getEvents().stream()
                .filter(HistoryEvent::hasActivityTaskFailedEventAttributes)
                .count())
        .isZero();
  }
}
