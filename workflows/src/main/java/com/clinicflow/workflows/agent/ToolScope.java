package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which tools to offer: to a patient or to clinic staff, of one clinic (a clinic without a calendar
 * is not offered calendar tools).
 */
public record ToolScope(
    @JsonProperty("tenant_id") String tenantId, @JsonProperty("audience") Audience audience) {

  /** Who talks to the agent. Patients' tools act only on their own data. */
  public enum Audience {
    PATIENT,
    STAFF
  }
}
