package com.clinicflow.workflows.appointments;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.common.Waits;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.slf4j.Logger;

/** See {@link ConfirmationScheduler}. */
public class ConfirmationSchedulerImpl implements ConfirmationScheduler {

  /** When the settings cannot be read past the database budget, try again after this long. */
  static final Duration SETTINGS_RETRY = Duration.ofMinutes(15);

  private static final Logger log = Workflow.getLogger(ConfirmationSchedulerImpl.class);

  private final AppointmentActivities settingsStore =
      ActivityStubs.database(AppointmentActivities.class);

  private final String tenantId;
  private LocalDate lastConfirmedDate;
  private boolean refreshRequested;
  private Instant nextRunAt;
  private LocalDate nextDate;

  /** The state is restored before handlers run: a refresh may arrive with the start. */
  @WorkflowInit
  public ConfirmationSchedulerImpl(SchedulerState state) {
    this.tenantId = state.tenantId();
    this.lastConfirmedDate = state.lastConfirmedDate();
  }

  @Override
  public void run(SchedulerState state) {
    // First, before any command: one baseline marker (decision 0016) instead of one per change.
    Changes.startRun();
    while (true) {
      refreshRequested = false;
      ScheduleSettings settings = readSettings();
      if (settings == null) {
        // The store is unreachable past its budget: wait, unless a refresh comes first.
        Waits.await(SETTINGS_RETRY, () -> refreshRequested);
        continue;
      }
      if (!settings.wanted()) {
        log.info("Clinic {} wants no confirmations (gone, inactive or no calendar)", tenantId);
        return;
      }
      ZoneId zone = ZoneId.of(settings.timezone());
      LocalTime at = LocalTime.parse(settings.confirmationTime());
      ZonedDateTime fire = nextFire(now(), zone, at, lastConfirmedDate);
      nextRunAt = fire.toInstant();
      nextDate = fire.toLocalDate().plusDays(1);
      Duration wait = Duration.between(now(), nextRunAt);
      // A refresh cancels the wait's timer (hours long), instead of leaving it to fire later in a
      // task with nothing to do: one per change of the clinic's settings (Waits, baseline 1).
      if (Waits.await(wait, () -> refreshRequested)) {
        continue; // the configuration changed: read it again and re-arm
      }
      LocalDate day = nextDate;
      if (!now().isBefore(day.atStartOfDay(zone).toInstant())) {
        // Woken only after the day began (the worker was down all evening): a reminder now would
        // arrive with or after the appointment, so this day is left out.
        log.warn(
            "Clinic {}: confirmation time for {} passed while stopped; skipped", tenantId, day);
      } else {
        runDay(day);
      }
      Workflow.await(Workflow::isEveryHandlerFinished);
      Workflow.continueAsNew(new SchedulerState(tenantId, day));
    }
  }

  @Override
  public void refresh() {
    refreshRequested = true;
  }

  @Override
  public SchedulerView state() {
    return new SchedulerView(tenantId, nextRunAt, nextDate, lastConfirmedDate);
  }

  /**
   * The first confirmation time strictly after {@code now} whose day to confirm (the next day) has
   * not been confirmed yet.
   */
  static ZonedDateTime nextFire(Instant now, ZoneId zone, LocalTime at, LocalDate lastConfirmed) {
    LocalDate day = now.atZone(zone).toLocalDate();
    while (true) {
      ZonedDateTime fire = day.atTime(at).atZone(zone);
      boolean future = fire.toInstant().isAfter(now);
      boolean confirmedAlready = lastConfirmed != null && !day.plusDays(1).isAfter(lastConfirmed);
      if (future && !confirmedAlready) {
        return fire;
      }
      day = day.plusDays(1);
    }
  }

  private ScheduleSettings readSettings() {
    try {
      return settingsStore.scheduleSettings(new ScheduleRequest(tenantId));
    } catch (ActivityFailure failure) {
      log.warn("Clinic {}: schedule settings unreadable; retrying later", tenantId);
      return null;
    }
  }

  /**
   * The day's run as a child with its business id. A failed run is logged and the schedule goes on:
   * tomorrow's run must not depend on today's.
   */
  private void runDay(LocalDate day) {
    DailyConfirmation confirmation =
        Workflow.newChildWorkflowStub(
            DailyConfirmation.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(ConfirmationKeys.runId(tenantId, day))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    try {
      ConfirmationOutcome outcome = confirmation.run(new ConfirmationRun(tenantId, day));
      log.info(
          "Clinic {} confirmations for {}: {} sent, {} skipped, {} failed",
          tenantId,
          day,
          outcome.sent(),
          outcome.skipped(),
          outcome.failed());
    } catch (TemporalFailure failure) {
      log.warn(
          "Clinic {} confirmations for {} did not complete: {}",
          tenantId,
          day,
          failure.getClass().getSimpleName());
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
