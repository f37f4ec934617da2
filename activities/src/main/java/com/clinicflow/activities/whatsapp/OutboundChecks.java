package com.clinicflow.activities.whatsapp;

import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.messaging.OutboundMessage;
import io.temporal.failure.ApplicationFailure;
import java.util.regex.Pattern;

/**
 * Checks on an {@link OutboundMessage} made before anything is recorded or sent, shared by the real
 * sender and the sandbox so that a workflow bug shows up in development too. All failures are
 * permanent: retrying the same input cannot help.
 */
final class OutboundChecks {

  /** Phone digits as WhatsApp numbers are written (country code first, no '+'). */
  private static final Pattern PHONE_DIGITS = Pattern.compile("\\d{5,20}");

  /** A full JID: {@code …@s.whatsapp.net}, {@code …@lid}, {@code …@g.us}. */
  private static final Pattern JID = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private OutboundChecks() {}

  static void validate(OutboundMessage message) {
    if (message == null || blank(message.idempotencyKey())) {
      throw Errors.BAD_REQUEST.failure("WhatsApp send without an idempotency key");
    }
    if (blank(message.tenantId())) {
      throw Errors.BAD_REQUEST.failure("WhatsApp send without a tenant");
    }
    if (blank(message.instanceName())) {
      throw Errors.CONFIGURATION.failure("The clinic has no Evolution instance name");
    }
    if (blank(message.text())) {
      throw Errors.BAD_REQUEST.failure("WhatsApp send with an empty text");
    }
    if (message.logLine() != null && !message.tenantId().equals(message.logLine().tenantId())) {
      // A line is written to the log of the clinic that sends; another clinic's is a bug.
      throw Errors.BAD_REQUEST.failure("WhatsApp send with another clinic's log line");
    }
    // The contact key form "lid:{digits}" is refused, not converted: Evolution would read bare
    // digits as a phone number and message a stranger. A LID is sent as the full "{digits}@lid".
    String recipient = message.recipient();
    if (recipient == null
        || !(PHONE_DIGITS.matcher(recipient).matches() || JID.matcher(recipient).matches())) {
      throw Errors.BAD_REQUEST.failure(
          "WhatsApp recipient must be phone digits or a full JID (e.g. …@lid)");
    }
  }

  static ApplicationFailure keyOfAnotherTenant() {
    // Keys are UUIDs made in the workflow; a collision across clinics is a bug, never retried.
    return Errors.CONFIGURATION.failure("Idempotency key already used by another clinic");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
