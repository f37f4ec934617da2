package com.clinicflow.activities.google;

import com.clinicflow.workflows.common.Errors;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Google API errors (Calendar, Tasks) as typed {@link ApplicationFailure}s. Only the operation, the
 * HTTP status and Google's reason code travel: Google's messages can quote the request (a patient's
 * name in an event), and failures end up in workflow history.
 *
 * <p>403 {@code rateLimitExceeded}/{@code userRateLimitExceeded} and 429 are {@code RATE_LIMITED};
 * 5xx, 408 and I/O are {@code UPSTREAM_UNAVAILABLE}; 401 and other 403s {@code UNAUTHORIZED}; 404
 * {@code NOT_FOUND} (a calendar that does not exist or is not shared); other 4xx {@code
 * BAD_REQUEST}.
 */
public final class GoogleFailures {

  /** Per-minute quotas: retrying after 1 s would only spend attempts. */
  static final Duration RATE_LIMIT_RETRY_DELAY = Duration.ofSeconds(10);

  private static final Set<String> RATE_LIMIT_REASONS =
      Set.of("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded");

  private GoogleFailures() {}

  /**
   * @param api the API's name for messages, e.g. {@code Google Calendar}
   * @param operation the call, e.g. {@code events.insert}
   */
  public static ApplicationFailure from(IOException e, String api, String operation) {
    if (e instanceof HttpResponseException http) {
      return fromHttp(http.getStatusCode(), reason(e), api, operation);
    }
    if (e instanceof Retryable retryable) {
      // The token exchange failed: a refused grant (revoked, wrong client) is permanent.
      return retryable.isRetryable()
          ? Errors.UPSTREAM_UNAVAILABLE.failure(
              "Google token exchange failed before " + operation + " (retryable)")
          : Errors.UNAUTHORIZED.failure(
              "Google refused the credentials' token exchange before " + operation);
    }
    return Errors.UPSTREAM_UNAVAILABLE.failure(
        api + " " + operation + " failed (I/O: " + e.getClass().getSimpleName() + ")");
  }

  static ApplicationFailure fromHttp(int status, String reason, String api, String operation) {
    String message =
        api
            + " answered HTTP "
            + status
            + (reason.isEmpty() ? "" : " " + reason)
            + " to "
            + operation;
    if (status == 429 || (status == 403 && RATE_LIMIT_REASONS.contains(reason))) {
      return ApplicationFailure.newBuilder(Errors.RATE_LIMITED.failure(message))
          .setNextRetryDelay(RATE_LIMIT_RETRY_DELAY)
          .build();
    }
    if (status >= 500 || status == 408) {
      return Errors.UPSTREAM_UNAVAILABLE.failure(message);
    }
    return switch (status) {
      case 401, 403 -> Errors.UNAUTHORIZED.failure(message);
      case 404 -> Errors.NOT_FOUND.failure(message);
      default -> Errors.BAD_REQUEST.failure(message);
    };
  }

  public static boolean isStatus(IOException e, int... statuses) {
    if (e instanceof HttpResponseException http) {
      for (int status : statuses) {
        if (http.getStatusCode() == status) {
          return true;
        }
      }
    }
    return false;
  }

  /** Google's reason code ({@code notFound}, {@code rateLimitExceeded}), letters only. */
  public static String reason(IOException e) {
    if (e instanceof GoogleJsonResponseException json) {
      GoogleJsonError details = json.getDetails();
      if (details != null && details.getErrors() != null && !details.getErrors().isEmpty()) {
        return safeCode(details.getErrors().get(0).getReason());
      }
    }
    return "";
  }

  public static String safeCode(String code) {
    if (code == null) {
      return "";
    }
    String cleaned = code.replaceAll("[^A-Za-z0-9_]", "");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
  }
}
