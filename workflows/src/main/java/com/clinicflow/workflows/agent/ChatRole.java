package com.clinicflow.workflows.agent;

/** Who speaks in a {@link ChatMessage}. */
public enum ChatRole {
  /** The patient or staff member; tool results are sent back to the LLM in this role too. */
  USER,
  /** The LLM. */
  MODEL,
  /**
   * Clinic staff writing from the clinic's own phone: kept in the transcript, shown to the LLM as
   * context, never answered.
   */
  STAFF
}
