package com.clinicflow.api.admin;

import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.ErrorResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an admin call through only with {@code Authorization: Bearer <clinicflow.admin.token>}.
 * Registered for {@code /api/*} only, so the OpenAPI document and Swagger UI stay readable.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "bearer ";

  private final byte[] expectedDigest;
  private final ObjectMapper json;

  AdminTokenFilter(AdminProperties properties, ObjectMapper json) {
    this.expectedDigest = properties.tokenConfigured() ? sha256(properties.token()) : null;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if ("OPTIONS".equals(request.getMethod())) {
      // CORS preflights carry no credentials by design; they reach no controller either.
      chain.doFilter(request, response);
      return;
    }
    if (expectedDigest == null) {
      refuse(
          response,
          "The admin API is disabled until clinicflow.admin.token (CLINICFLOW_ADMIN_TOKEN) is set.");
      return;
    }
    String presented = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (presented == null) {
      refuse(response, "Send the admin token as 'Authorization: Bearer <token>'.");
      return;
    }
    // Digests have one length whatever was sent, so the comparison time says nothing about the
    // token, not even its length.
    if (!MessageDigest.isEqual(expectedDigest, sha256(presented))) {
      refuse(response, "The admin token is not valid.");
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletResponse response, String message) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"clinicflow-admin\"");
    ErrorResponses.write(
        response, json, HttpStatus.UNAUTHORIZED, new ApiError("unauthorized", message));
  }

  private static String bearerToken(String header) {
    if (header == null || header.length() <= BEARER.length()) {
      return null;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
