package com.clinicflow.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signs a browser in to the codec endpoint with the admin token, so the Temporal UI opened in it
 * shows payloads decrypted ({@link CodecSessions}). Plain HTML forms, no script: the page is for an
 * operator at 3 a.m., and nothing it shows comes from the request.
 */
@RestController
@Tag(name = "Codec")
class CodecLoginController {

  static final String LOGIN = "/codec/login";
  static final String LOGOUT = "/codec/logout";

  private static final Logger log = LoggerFactory.getLogger(CodecLoginController.class);
  private static final DateTimeFormatter UNTIL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final AdminToken token;
  private final CodecSessions sessions;

  CodecLoginController(AdminToken token, CodecSessions sessions) {
    this.token = token;
    this.sessions = sessions;
  }

  @GetMapping(path = LOGIN, produces = MediaType.TEXT_HTML_VALUE)
  @Operation(
      operationId = "codecLoginPage",
      summary = "The codec sign-in page (HTML) for the Temporal UI's browser")
  ResponseEntity<String> page() {
    return html(
        HttpStatus.OK,
        "<p>Sign in with the admin token: the Temporal UI opened in this browser then shows"
            + " conversations' payloads decrypted.</p>"
            + FORM);
  }

  @PostMapping(
      path = LOGIN,
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  @Operation(
      operationId = "codecLogin",
      summary = "Sign a browser in to the codec endpoint",
      description =
          "Form field token = clinicflow.admin.token. Sets the clinicflow_codec cookie (HttpOnly,"
              + " SameSite=Strict, Path=/codec) for clinicflow.codec.session-duration.")
  @ApiResponse(responseCode = "200", description = "Signed in: the cookie is set.")
  @ApiResponse(responseCode = "401", description = "Not the admin token, or none is configured.")
  ResponseEntity<String> signIn(
      @RequestParam(name = "token", required = false) String presented,
      HttpServletRequest request) {
    if (!token.configured()) {
      return html(
          HttpStatus.UNAUTHORIZED,
          "<p>This server has no admin token (clinicflow.admin.token): the codec is off.</p>");
    }
    if (!token.matches(presented)) {
      log.warn("A codec sign-in with a wrong admin token");
      return html(HttpStatus.UNAUTHORIZED, "<p>That is not the admin token.</p>" + FORM);
    }
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, sessions.start(request.isSecure()).toString())
        .headers(PAGE_HEADERS)
        .body(
            page(
                "<p>Signed in until "
                    + UNTIL.format(sessions.endOfNewSession())
                    + ". Reload the Temporal UI's page.</p>"
                    + SIGN_OUT));
  }

  @PostMapping(path = LOGOUT, produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "codecLogout", summary = "Sign a browser out of the codec endpoint")
  ResponseEntity<String> signOut(HttpServletRequest request) {
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, sessions.end(request.isSecure()).toString())
        .headers(PAGE_HEADERS)
        .body(page("<p>Signed out.</p>" + FORM));
  }

  private static final String FORM =
      "<form method=\"post\" action=\"login\"><label>Admin token <input type=\"password\""
          + " name=\"token\" autocomplete=\"off\" required autofocus></label>"
          + " <button>Sign in</button></form>";

  private static final String SIGN_OUT =
      "<form method=\"post\" action=\"logout\"><button>Sign out</button></form>";

  /** Never cached, never framed (no clickjacking of the sign-in), no script or outside content. */
  private static final HttpHeaders PAGE_HEADERS = pageHeaders();

  private static HttpHeaders pageHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
    headers.setCacheControl("no-store");
    headers.set("X-Frame-Options", "DENY");
    headers.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    return HttpHeaders.readOnlyHttpHeaders(headers);
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).headers(PAGE_HEADERS).body(page(body));
  }

  private static String page(String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>ClinicFlow codec</title><style>body{font:16px sans-serif;margin:3em}</style>"
        + "</head><body><h1>ClinicFlow: decode payloads in the Temporal UI</h1>"
        + body
        + "</body></html>";
  }
}
