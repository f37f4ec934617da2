package com.clinicflow.api.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Writes an {@link ApiError} from places outside Spring MVC, such as servlet filters. */
public final class ErrorResponses {

  private ErrorResponses() {}

  public static void write(
      HttpServletResponse response, ObjectMapper json, HttpStatus status, ApiError error)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), error);
  }
}
