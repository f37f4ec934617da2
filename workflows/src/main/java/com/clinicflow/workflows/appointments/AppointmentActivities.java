package com.clinicflow.workflows.appointments;

import io.temporal.activity.ActivityInterface;

/**
 * The calendar as the confirmation workflows need it. (The agent's appointment tools are not here:
 * they are tool handlers behind {@code ToolActivities}.)
 *
 * <p>Both methods only read, so they are safe to retry; Temporal owns the retries (the Google
 * client's own are off). A calendar that cannot be reached is {@code UPSTREAM_UNAVAILABLE} or
 * {@code RATE_LIMITED} (retried); refused credentials or a calendar that is not shared with them
 * are {@code UNAUTHORIZED} / {@code CONFIGURATION} (not retried).
 */
@ActivityInterface(namePrefix = "Appointments.")
public interface AppointmentActivities {

  /**
   * The clinic's configuration, the appointments of {@code run.date()} in its calendar, and which
   * of them were already confirmed for that day ({@link ConfirmationKeys#sendKey}).
   */
  ConfirmationPlan planConfirmations(ConfirmationRun run);

  /** Whether and when the clinic's daily confirmations run, as its configuration says now. */
  ScheduleSettings scheduleSettings(ScheduleRequest request);
}
