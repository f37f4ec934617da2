package com.clinicflow.activities.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A busy period of a calendar, half open: {@code [start, end)}. */
record BusyInterval(Instant start, Instant end) {

  boolean overlaps(Instant otherStart, Instant otherEnd) {
    return start.isBefore(otherEnd) && otherStart.isBefore(end);
  }

  static boolean anyOverlaps(List<BusyInterval> busy, Instant start, Instant end) {
    return busy.stream().anyMatch(b -> b.overlaps(start, end));
  }

  /**
   * The busy periods with {@code [start, end)} taken out: free/busy merges an event into its
   * neighbours, so an appointment being moved must not block its own new time.
   */
  static List<BusyInterval> without(List<BusyInterval> busy, Instant start, Instant end) {
    List<BusyInterval> out = new ArrayList<>();
    for (BusyInterval b : busy) {
      if (!b.overlaps(start, end)) {
        out.add(b);
        continue;
      }
      if (b.start().isBefore(start)) {
        out.add(new BusyInterval(b.start(), start));
      }
      if (end.isBefore(b.end())) {
        out.add(new BusyInterval(end, b.end()));
      }
    }
    return out;
  }
}
