package com.clinicflow.api.webhooks;

import java.util.Locale;

/** How a webhook call ended: the {@code outcome} tag of the {@code clinicflow.webhooks} metric. */
enum WebhookOutcome {
  ACCEPTED,
  DUPLICATE,
  IGNORED,
  UNKNOWN_INSTANCE,
  UNAUTHORIZED,
  MALFORMED,
  TOO_LARGE,
  UNAVAILABLE,
  ERROR;

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
