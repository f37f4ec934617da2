package com.clinicflow.api.errors;

import com.clinicflow.api.tenants.TenantConflictException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Turns every failure of the HTTP edge into {@code {"error", "message"}}. Messages are written
 * here, never copied from an exception, because exception messages can carry payload data (Jackson
 * quotes the offending input, drivers quote values).
 */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> apiException(ApiException e) {
    return ResponseEntity.status(e.status()).body(e.body());
  }

  @ExceptionHandler(TenantConflictException.class)
  ResponseEntity<ApiError> conflict(TenantConflictException e) {
    String field = e.field() == null ? "a unique field" : e.field();
    return error(HttpStatus.CONFLICT, "conflict", field + " is already used by another tenant.");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonMappingException mapping) {
      String field = jsonPath(mapping);
      if (!field.isEmpty()) {
        return error(HttpStatus.BAD_REQUEST, "invalid_field", field + " " + expected(mapping));
      }
    }
    return error(
        HttpStatus.BAD_REQUEST, "malformed_json", "The request body is not a valid JSON object.");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    String type =
        e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase();
    return error(
        HttpStatus.BAD_REQUEST, "invalid_field", e.getName() + " must be a valid " + type + ".");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_field", e.getParameterName() + " is required.");
  }

  @ExceptionHandler(BindException.class)
  ResponseEntity<ApiError> beanValidation(BindException e) {
    List<String> problems = new ArrayList<>();
    e.getFieldErrors()
        .forEach(f -> problems.add(snakeCase(f.getField()) + " " + f.getDefaultMessage() + "."));
    e.getGlobalErrors().forEach(g -> problems.add(g.getDefaultMessage() + "."));
    return error(HttpStatus.BAD_REQUEST, "invalid_field", String.join(" ", problems));
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ApiError> parameterValidation(HandlerMethodValidationException e) {
    String problems =
        e.getParameterValidationResults().stream()
            .map(
                r ->
                    r.getMethodParameter().getParameterName()
                        + " "
                        + r.getResolvableErrors().stream()
                            .map(err -> err.getDefaultMessage())
                            .collect(Collectors.joining(", "))
                        + ".")
            .collect(Collectors.joining(" "));
    return error(HttpStatus.BAD_REQUEST, "invalid_field", problems);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
    return error(
        HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", "The request body is too large.");
  }

  /**
   * Spring's own answers (unknown path, wrong method or media type…) keep their status; anything
   * else is our bug: 500 with a fixed sentence, logged by class and place only.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
    if (e instanceof ErrorResponse spring) {
      return standard(spring.getStatusCode());
    }
    StackTraceElement[] trace = e.getStackTrace();
    log.error(
        "Unhandled {} at {} while serving {} {}",
        e.getClass().getName(),
        trace.length > 0 ? trace[0] : "unknown place",
        request.getMethod(),
        route(request));
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_error",
        "Something went wrong on our side; it has been logged.");
  }

  /**
   * The request's route ({@code /api/conversations/{tenant_id}/{contact}}), not its path: a
   * conversation's path holds the patient's phone. The path only when no route matched.
   */
  private static String route(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return pattern != null ? pattern.toString() : request.getRequestURI();
  }

  private static ResponseEntity<ApiError> standard(HttpStatusCode code) {
    HttpStatus status = HttpStatus.resolve(code.value());
    if (status == null) {
      status = code.is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
    }
    return switch (status) {
      case NOT_FOUND -> error(status, "not_found", "There is no such resource.");
      case METHOD_NOT_ALLOWED ->
          error(status, "method_not_allowed", "This HTTP method is not allowed here.");
      case UNSUPPORTED_MEDIA_TYPE ->
          error(status, "unsupported_media_type", "Send the body as application/json.");
      case NOT_ACCEPTABLE -> error(status, "not_acceptable", "This resource answers in JSON.");
      case PAYLOAD_TOO_LARGE ->
          error(status, "payload_too_large", "The request body is too large.");
      case SERVICE_UNAVAILABLE ->
          error(status, "temporarily_unavailable", "Try again in a moment.");
      default ->
          error(
              status,
              status.name().toLowerCase(Locale.ROOT),
              status.getReasonPhrase() + " (HTTP " + status.value() + ").");
    };
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status).body(new ApiError(code, message));
  }

  /** The JSON path of the bad value, e.g. {@code business_hours.mon.open}; empty at the root. */
  private static String jsonPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(JsonMappingException e) {
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> type = mismatch.getTargetType();
      if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
        return "must be a number.";
      }
      if (type == Boolean.class || type == boolean.class) {
        return "must be true or false.";
      }
      if (type == String.class) {
        return "must be a string.";
      }
      if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
        return "must be a JSON object.";
      }
    }
    return "has a value of the wrong type.";
  }

  private static String snakeCase(String javaName) {
    return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
