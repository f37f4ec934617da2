package com.clinicflow.workflows.staff;

import io.temporal.activity.ActivityInterface;

/**
 * Hands an alert to the clinic's staff chat: finds the clinic's Telegram chat and
 * signals-with-start its {@link InternalAssistant} ({@code staff:{tenant_id}:{chat_id}}), which
 * sends it. Quick (a cached lookup and one Temporal call) and safe to retry: the assistant drops a
 * key it has announced. A clinic without a Telegram chat gets no alert (logged).
 */
@ActivityInterface(namePrefix = "StaffAlerts.")
public interface StaffAlertActivities {

  void raise(StaffAlert alert);
}
