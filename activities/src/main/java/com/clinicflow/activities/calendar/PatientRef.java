package com.clinicflow.activities.calendar;

/**
 * Whom an appointment is booked for; tagged on the event (private extended properties).
 *
 * @param contact the patient's conversation key (phone digits or {@code lid:...}): always taken
 *     from the conversation, never from the model; null when staff book for someone without a
 *     WhatsApp conversation (no confirmation message can then be sent)
 * @param name the name to show staff in the calendar, may be null
 * @param conversationId the workflow that booked it, for operators
 */
public record PatientRef(String contact, String name, String conversationId) {}
