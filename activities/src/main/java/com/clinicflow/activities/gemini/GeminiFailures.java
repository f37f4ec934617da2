package com.clinicflow.activities.gemini;

import com.clinicflow.workflows.common.Errors;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.GenAiIOException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * Turns google-genai exceptions into typed {@link ApplicationFailure}s that Temporal's retry
 * policies understand.
 *
 * <p>The vendor's exception is deliberately not attached as the cause and its message is not
 * copied: Gemini's error messages can quote the request (the patient's words), and a failure's
 * message and cause chain are stored in workflow history and shown in the Temporal UI. Only the
 * HTTP code and Google's status code travel.
 */
final class GeminiFailures {

  /**
   * Quota errors clear on a scale of seconds (per-minute limits); retrying after Temporal's usual
   * 1s/2s/4s backoff would only spend attempts on more 429s.
   */
  static final Duration RATE_LIMIT_RETRY_DELAY = Duration.ofSeconds(10);

  private GeminiFailures() {}

  /** An HTTP error answer (4xx as ClientException, 5xx as ServerException). */
  static ApplicationFailure from(ApiException e) {
    return fromHttp(e.code(), e.status(), e instanceof ClientException);
  }

  /**
   * Reset, refused, timed out, or an answer that could not be read (the SDK reports a garbled body
   * as I/O too): the next attempt may well succeed.
   */
  static ApplicationFailure from(GenAiIOException e) {
    return Errors.UPSTREAM_UNAVAILABLE.failure("Gemini exchange failed (" + ioCause(e) + ")");
  }

  /**
   * Anything else the SDK throws (an unchecked exception from inside it, whose message may quote
   * the request or the answer). Typed as the exception class, as Temporal would type it, so retry
   * policies treat it like any unexpected exception; only the message is withheld.
   */
  static ApplicationFailure unexpected(RuntimeException e) {
    return ApplicationFailure.newFailure(
        "Gemini SDK failed (" + e.getClass().getSimpleName() + ")", e.getClass().getName());
  }

  private static ApplicationFailure fromHttp(int code, String status, boolean clientError) {
    String message = "Gemini answered HTTP " + code + " " + safeCode(status);
    if (code == 429) {
      return ApplicationFailure.newBuilder(Errors.RATE_LIMITED.failure(message))
          .setNextRetryDelay(RATE_LIMIT_RETRY_DELAY)
          .build();
    }
    if (!clientError || code == 408) {
      // 5xx, and a request timeout reported as 408: the request was fine, the service was not.
      return Errors.UPSTREAM_UNAVAILABLE.failure(message);
    }
    return switch (code) {
      case 401, 403 -> Errors.UNAUTHORIZED.failure(message);
      case 404 -> Errors.NOT_FOUND.failure(message);
      default -> Errors.BAD_REQUEST.failure(message);
    };
  }

  /** The exception class behind an I/O failure (e.g. SocketTimeoutException), never a message. */
  private static String ioCause(Throwable e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return "I/O: " + cause.getClass().getSimpleName();
  }

  /**
   * Google's status and reason codes ({@code RESOURCE_EXHAUSTED}, {@code SAFETY}) with anything
   * that does not look like a code stripped, so that free text cannot slip through.
   */
  static String safeCode(String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    String cleaned = code.replaceAll("[^A-Za-z0-9_]", "");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
  }
}
