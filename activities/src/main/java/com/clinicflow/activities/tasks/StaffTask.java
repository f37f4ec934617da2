package com.clinicflow.activities.tasks;

import java.time.LocalDate;

/**
 * A to-do on the clinic's task list, as the staff assistant shows it.
 *
 * @param status {@code needsAction} or {@code completed} (Google's words)
 */
public record StaffTask(String id, String title, String notes, LocalDate due, String status) {}
