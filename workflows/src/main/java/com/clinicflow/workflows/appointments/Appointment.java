package com.clinicflow.workflows.appointments;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An appointment in a clinic's calendar, as ClinicFlow reads it back.
 *
 * @param id the calendar event id (derived from the idempotency key of the booking)
 * @param start when it begins
 * @param end when it ends
 * @param contact the patient's conversation key when ClinicFlow booked it (phone digits or {@code
 *     lid:...}), null for an event staff created by hand in the calendar
 * @param patientName the name given at booking time, may be null
 * @param summary the event's title as staff see it in the calendar
 * @param confirmed whether the patient confirmed it (answered a confirmation message)
 */
public record Appointment(
    @JsonProperty("id") String id,
    @JsonProperty("start") Instant start,
    @JsonProperty("end") Instant end,
    @JsonProperty("contact") String contact,
    @JsonProperty("patient_name") String patientName,
    @JsonProperty("summary") String summary,
    @JsonProperty("confirmed") boolean confirmed) {}
