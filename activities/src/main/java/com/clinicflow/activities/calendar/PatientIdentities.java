package com.clinicflow.activities.calendar;

import java.util.Set;

/**
 * The contacts under which a clinic knows one patient. WhatsApp names a patient by phone or by a
 * LID; a patient first seen by LID alone is keyed {@code lid:…} until a message carries both, and
 * by phone from then on, so their appointments may be tagged with either.
 */
@FunctionalInterface
public interface PatientIdentities {

  /** {@code contact} and every other contact this clinic has learned for the same patient. */
  Set<String> of(String tenantId, String contact);
}
