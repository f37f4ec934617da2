package com.clinicflow.activities.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Calendar event ids derived from the workflow's idempotency key, so that a retried booking finds
 * its own event instead of creating a second one. Lower-case hex is a subset of Google's base32hex
 * alphabet; 32 characters (128 bits) cannot collide in practice and stay short enough for the model
 * to copy back. {@code generation} gives a fresh id when the key's event was deleted (a deleted
 * event keeps its id, so it cannot be inserted again).
 */
final class EventIds {

  /** What an event id may look like: Google's own ids add {@code _} and upper case (instances). */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9_]{5,1024}");

  private EventIds() {}

  static String of(CalendarRef calendar, String idempotencyKey, int generation) {
    String seed =
        calendar.tenantId()
            + "|"
            + calendar.calendarId()
            + "|"
            + idempotencyKey
            + (generation == 0 ? "" : "|" + generation);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a string from the model can be an event id at all (else it is "not found"). */
  static boolean plausible(String id) {
    return id != null && ACCEPTED.matcher(id).matches();
  }
}
