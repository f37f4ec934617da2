package com.clinicflow.api.admin;

import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.ErrorResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
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
 * Lets an admin call through only with {@code Authorization: Bearer <clinicflow.admin.token>}, or,
 * on {@code /codec/*}, with the session cookie of a browser signed in at {@code /codec/login}
 * ({@link CodecSessions}). Registered for {@code /api/*} and {@code /codec/*} only, so the OpenAPI
 * document and Swagger UI stay readable.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "bearer ";

  private final AdminToken token;
  private final CodecSessions codecSessions;
  private final ObjectMapper json;

  AdminTokenFilter(AdminToken token, CodecSessions codecSessions, ObjectMapper json) {
    this.token = token;
    this.codecSessions = codecSessions;
    this.json = json;
  }

  /** Signing in to the codec is how a browser gets a session: it cannot need one. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals(CodecLoginController.LOGIN) || path.equals(CodecLoginController.LOGOUT);
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
    if (!token.configured()) {
      refuse(
          response,
          "The admin API is disabled until clinicflow.admin.token (CLINICFLOW_ADMIN_TOKEN) is set.");
      return;
    }
    String presented = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (presented == null && codecSessions.valid(sessionCookie(request))) {
      // The Temporal UI's call from a signed-in browser; the cookie's path keeps it to /codec.
      chain.doFilter(request, response);
      return;
    }
    if (presented == null) {
      refuse(response, "Send the admin token as 'Authorization: Bearer <token>'.");
      return;
    }
    if (!token.matches(presented)) {
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

  private static String sessionCookie(HttpServletRequest request) {
    if (request.getCookies() == null
        || !request.getRequestURI().startsWith(request.getContextPath() + CodecSessions.PATH)) {
      return null;
    }
    for (Cookie cookie : request.getCookies()) {
      if (CodecSessions.COOKIE.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
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
