package com.clinicflow.activities.tasks;

import com.clinicflow.activities.google.GoogleCredentialSource;
import java.time.LocalDate;
import java.util.List;

/**
 * The {@link TaskBoard} the tools use: for each call, Google when there are credentials for the
 * clinic (its own {@code google_credentials} secret, or the shared file), the PostgreSQL sandbox
 * otherwise, as the calendar chooses. Deciding per call is what lets a clinic given its own
 * credentials go live without a restart, and keeps it out of the shared account.
 */
final class PerClinicTaskBoard implements TaskBoard {

  private final GoogleCredentialSource credentials;
  private final TaskBoard google;
  private final TaskBoard sandbox;

  PerClinicTaskBoard(GoogleCredentialSource credentials, TaskBoard google, TaskBoard sandbox) {
    this.credentials = credentials;
    this.google = google;
    this.sandbox = sandbox;
  }

  @Override
  public List<StaffTask> open(String tenantId, String listId) {
    return forTenant(tenantId).open(tenantId, listId);
  }

  @Override
  public StaffTask create(
      String tenantId, String listId, String title, String notes, LocalDate due, String key) {
    return forTenant(tenantId).create(tenantId, listId, title, notes, due, key);
  }

  @Override
  public StaffTask complete(String tenantId, String listId, String taskId) {
    return forTenant(tenantId).complete(tenantId, listId, taskId);
  }

  private TaskBoard forTenant(String tenantId) {
    return credentials.reachesGoogle(tenantId) ? google : sandbox;
  }
}
