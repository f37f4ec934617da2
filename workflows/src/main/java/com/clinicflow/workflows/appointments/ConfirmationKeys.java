package com.clinicflow.workflows.appointments;

import java.time.LocalDate;

/**
 * The names of confirmation work: workflow ids an operator can type into the Temporal UI, and the
 * idempotency key of each message (the outbound ledger sends a key once, ever).
 */
public final class ConfirmationKeys {

  private ConfirmationKeys() {}

  /** The clinic's long-running scheduler: {@code confirmations:{tenant_id}}. */
  public static String schedulerId(String tenantId) {
    return "confirmations:" + tenantId;
  }

  /** One day's run: {@code confirmation:{tenant_id}:{appointment date}}. */
  public static String runId(String tenantId, LocalDate date) {
    return "confirmation:" + tenantId + ":" + date;
  }

  /**
   * The send key (and transcript turn key) of one appointment's confirmation for one day. A rerun
   * of the day, or a second scheduler, finds it sent and sends nothing; an appointment moved to
   * another day gets a new confirmation on that day.
   */
  public static String sendKey(String tenantId, String appointmentId, LocalDate date) {
    return "confirmation:" + tenantId + ":" + appointmentId + ":" + date;
  }
}
