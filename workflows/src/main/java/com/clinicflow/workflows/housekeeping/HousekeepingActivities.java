package com.clinicflow.workflows.housekeeping;

import io.temporal.activity.ActivityInterface;

/**
 * What ClinicFlow keeps only for a while, deleted when it has served, by the hourly round of the
 * {@code quota-reset} workflow, so that no table grows with traffic for ever and no operator has to
 * schedule a clean-up.
 *
 * <p>Safe to retry: it deletes by age, a bounded batch per table per call; what is left is deleted
 * by the next round.
 */
@ActivityInterface(namePrefix = "Housekeeping.")
public interface HousekeepingActivities {

  /** Deletes the rows older than their retention ({@code clinicflow.retention.*}). */
  PruneReport pruneExpired(PruneRequest request);
}
