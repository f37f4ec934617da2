package com.clinicflow.activities.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A partial update: null fields are left as they are; private properties given are written (the
 * others kept), as a Calendar {@code PATCH} does.
 */
record EventPatch(Instant start, Instant end, ZoneId zone, Map<String, String> privateProperties) {

  static EventPatch times(Instant start, Instant end, ZoneId zone) {
    return new EventPatch(start, end, zone, null);
  }

  static EventPatch properties(Map<String, String> privateProperties) {
    return new EventPatch(null, null, null, privateProperties);
  }
}
