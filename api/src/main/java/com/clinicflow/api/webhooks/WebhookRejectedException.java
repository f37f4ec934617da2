package com.clinicflow.api.webhooks;

import com.clinicflow.api.errors.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A webhook call answered with an error. The status decides what Evolution does next: it stops at
 * 400/401/404 and retries 5xx with back-off.
 */
final class WebhookRejectedException extends ApiException {

  private final WebhookOutcome outcome;

  private WebhookRejectedException(
      WebhookOutcome outcome, HttpStatus status, String error, String message) {
    super(status, error, message);
    this.outcome = outcome;
  }

  WebhookOutcome outcome() {
    return outcome;
  }

  static WebhookRejectedException unauthorized() {
    return new WebhookRejectedException(
        WebhookOutcome.UNAUTHORIZED,
        HttpStatus.UNAUTHORIZED,
        "unauthorized",
        "Missing or wrong webhook credentials (X-Webhook-Secret header or Bearer JWT).");
  }

  static WebhookRejectedException unauthorizedTelegram() {
    return new WebhookRejectedException(
        WebhookOutcome.UNAUTHORIZED,
        HttpStatus.UNAUTHORIZED,
        "unauthorized",
        "Missing or wrong X-Telegram-Bot-Api-Secret-Token header.");
  }

  static WebhookRejectedException tooLarge(long limit) {
    return new WebhookRejectedException(
        WebhookOutcome.TOO_LARGE,
        HttpStatus.PAYLOAD_TOO_LARGE,
        "payload_too_large",
        "The webhook body is larger than "
            + limit
            + " bytes (clinicflow.evolution.max-webhook-bytes).");
  }

  static WebhookRejectedException malformedJson(String message) {
    return new WebhookRejectedException(
        WebhookOutcome.MALFORMED, HttpStatus.BAD_REQUEST, "malformed_json", message);
  }

  static WebhookRejectedException invalidEnvelope(String message) {
    return new WebhookRejectedException(
        WebhookOutcome.MALFORMED, HttpStatus.BAD_REQUEST, "invalid_envelope", message);
  }

  static WebhookRejectedException unknownInstance() {
    return new WebhookRejectedException(
        WebhookOutcome.UNKNOWN_INSTANCE,
        HttpStatus.NOT_FOUND,
        "unknown_instance",
        "No tenant uses this Evolution instance.");
  }

  static WebhookRejectedException unavailable() {
    return new WebhookRejectedException(
        WebhookOutcome.UNAVAILABLE,
        HttpStatus.SERVICE_UNAVAILABLE,
        "temporarily_unavailable",
        "The message could not be taken in right now; deliver it again later.");
  }
}
