package com.clinicflow.activities.calendar;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Free slots of one day.
 *
 * @param open whether the clinic opens that day
 * @param past whether the day is over (before today in the clinic's zone)
 * @param free slot starts still free that day, after now, in order
 * @param nextFree when the day has none: the next free slots of the following days
 * @param window opening hours of the day as {@code HH:mm-HH:mm}, or null when closed
 */
public record Availability(
    LocalDate date,
    boolean open,
    boolean past,
    List<ZonedDateTime> free,
    List<ZonedDateTime> nextFree,
    String window) {}
