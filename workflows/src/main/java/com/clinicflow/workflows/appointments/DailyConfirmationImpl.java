package com.clinicflow.workflows.appointments;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.LlmActivities;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.conversation.ConversationStoreActivities;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantStoreActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/** See {@link DailyConfirmation}. */
public class DailyConfirmationImpl implements DailyConfirmation {

  static final String LOG_EVENT = "confirmations_run";

  private static final Logger log = Workflow.getLogger(DailyConfirmationImpl.class);

  /** Reads the calendar (Google or the sandbox): the budget of external calls. */
  private final AppointmentActivities appointments =
      ActivityStubs.external(AppointmentActivities.class);

  private final LlmActivities llm = ActivityStubs.llm(LlmActivities.class);
  private final WhatsAppActivities whatsApp = ActivityStubs.external(WhatsAppActivities.class);
  private final ConversationStoreActivities conversations =
      ActivityStubs.database(ConversationStoreActivities.class);
  private final TenantStoreActivities tenantStore =
      ActivityStubs.database(TenantStoreActivities.class);

  /** What happened to one appointment. */
  private enum Result {
    SENT,
    SKIPPED,
    FAILED
  }

  @Override
  public ConfirmationOutcome run(ConfirmationRun run) {
    ConfirmationPlan plan = appointments.planConfirmations(run);
    TenantConfig clinic = plan.clinic();
    if (clinic == null) {
      // The tenant is gone: nothing to send, and no activity log to write into.
      return new ConfirmationOutcome(run.tenantId(), run.date(), 0, 0, 0, 0, "unknown_tenant");
    }
    String note =
        !clinic.active() ? "inactive" : clinic.googleCalendarId() == null ? "no_calendar" : null;
    List<Appointment> day = note == null ? plan.appointments() : List.of();
    Set<String> alreadySent =
        new HashSet<>(plan.alreadySentIds() == null ? List.of() : plan.alreadySentIds());
    int sent = 0;
    int skipped = 0;
    int failed = 0;
    for (Appointment appointment : day) {
      Result result =
          appointment.contact() == null || alreadySent.contains(appointment.id())
              ? Result.SKIPPED
              : confirm(clinic, appointment, run.date());
      switch (result) {
        case SENT -> sent++;
        case SKIPPED -> skipped++;
        case FAILED -> failed++;
      }
    }
    ConfirmationOutcome outcome =
        new ConfirmationOutcome(
            run.tenantId(), run.date(), day.size(), sent, skipped, failed, note);
    tenantStore.recordActivity(
        new ActivityLogEntry(
            run.tenantId(), LOG_EVENT, details(outcome), Workflow.getInfo().getWorkflowId()));
    return outcome;
  }

  /**
   * Writes, sends and records one confirmation. Send before record: the transcript then only ever
   * holds a message that really went out, and a retry of the record finds the same key.
   */
  private Result confirm(TenantConfig clinic, Appointment appointment, LocalDate date) {
    String key = ConfirmationKeys.sendKey(clinic.tenantId(), appointment.id(), date);
    try {
      LlmReply reply =
          llm.generate(
              new LlmRequest(
                  clinic.tenantId(),
                  ConfirmationInstruction.forAppointment(clinic, appointment),
                  List.of(ChatMessage.userText(ConfirmationInstruction.REQUEST)),
                  List.of()));
      String text = reply.text() == null ? "" : reply.text().strip();
      if (text.isEmpty()) {
        log.warn("The LLM wrote an empty confirmation for appointment {}", appointment.id());
        return Result.FAILED;
      }
      SendReceipt receipt =
          whatsApp.sendText(
              new OutboundMessage(
                  key,
                  clinic.tenantId(),
                  clinic.evolutionInstanceName(),
                  ConversationKey.recipient(appointment.contact()),
                  text));
      if (receipt.alreadySent()) {
        // Another run sent it between our plan and now; it recorded its own words.
        return Result.SKIPPED;
      }
      conversations.saveTurn(
          new TurnRecord(
              clinic.tenantId(),
              appointment.contact(),
              ConversationKey.workflowId(clinic.tenantId(), appointment.contact()),
              key,
              null,
              List.of(ChatMessage.modelText(text)),
              true));
      return Result.SENT;
    } catch (ActivityFailure failure) {
      log.warn(
          "Confirmation of appointment {} failed past its retry budget: {}",
          appointment.id(),
          failureType(failure));
      return Result.FAILED;
    }
  }

  /** The failure's type only: messages of vendor failures stay out of logs. */
  static String failureType(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        ? app.getType()
        : (failure.getCause() == null ? failure : failure.getCause()).getClass().getSimpleName();
  }

  private static Map<String, Object> details(ConfirmationOutcome outcome) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("date", outcome.date().toString());
    details.put("appointments", outcome.appointments());
    details.put("sent", outcome.sent());
    details.put("skipped", outcome.skipped());
    details.put("failed", outcome.failed());
    if (outcome.note() != null) {
      details.put("note", outcome.note());
    }
    return details;
  }
}
