package com.clinicflow.activities.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.testing.FakeGoogleCalendar;
import com.clinicflow.workflows.common.Errors;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Google backend against WireMock stubs written in Calendar v3's real JSON: what goes on the
 * wire (plain JSON, a real PATCH, the query parameters, the token exchange of the credentials file)
 * and how every kind of answer is read, 409 and 5xx included.
 */
class GoogleCalendarBackendTest {

  @RegisterExtension
  static WireMockExtension google =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static final String TENANT = "clinica";
  static final String CAL = CalendarFixtures.CALENDAR;
  static final String CAL_PATH = "/calendar/v3/calendars/agenda@clinica.example";
  static final CalendarRef REF = new CalendarRef(TENANT, CAL);
  static final String BEARER = "Bearer " + FakeGoogleCalendar.ACCESS_TOKEN;

  GoogleCalendarBackend backend;

  @BeforeEach
  void setUp() {
    google.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\""
                        + FakeGoogleCalendar.ACCESS_TOKEN
                        + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    backend = CalendarFixtures.google(google.baseUrl());
  }

  @Test
  void freeBusyPostsTheDocumentedBodyAndReadsTheBusyPeriods() {
    google.stubFor(
        post(urlPathEqualTo("/calendar/v3/freeBusy"))
            .withHeader("Authorization", equalTo(BEARER))
            .withHeader("Content-Encoding", absent())
            .withRequestBody(
                equalToJson(
                    """
                    {"timeMin":"2026-03-02T11:00:00.000Z","timeMax":"2026-03-02T21:00:00.000Z",
                     "timeZone":"UTC","items":[{"id":"agenda@clinica.example"}]}"""))
            .willReturn(
                okJson(
                    """
                    {"kind":"calendar#freeBusy","timeMin":"2026-03-02T11:00:00.000Z",
                     "timeMax":"2026-03-02T21:00:00.000Z","calendars":{"agenda@clinica.example":
                     {"busy":[{"start":"2026-03-02T13:00:00Z","end":"2026-03-02T13:30:00Z"},
                              {"start":"2026-03-02T17:00:00-03:00","end":"2026-03-02T18:00:00-03:00"}]}}}""")));

    List<BusyInterval> busy =
        backend.busy(
            REF, Instant.parse("2026-03-02T11:00:00Z"), Instant.parse("2026-03-02T21:00:00Z"));

    assertThat(busy)
        .containsExactly(
            new BusyInterval(
                Instant.parse("2026-03-02T13:00:00Z"), Instant.parse("2026-03-02T13:30:00Z")),
            new BusyInterval(
                Instant.parse("2026-03-02T20:00:00Z"), Instant.parse("2026-03-02T21:00:00Z")));
  }

  @Test
  void theCredentialsFilesTokenUriIsHonouredWithARefreshTokenGrant() {
    stubEmptyFreeBusy();

    backend.busy(REF, Instant.parse("2026-03-02T11:00:00Z"), Instant.parse("2026-03-02T21:00:00Z"));

    google.verify(
        postRequestedFor(urlPathEqualTo("/token"))
            .withRequestBody(containing("grant_type=refresh_token"))
            .withRequestBody(containing("refresh_token=test-refresh-token"))
            .withRequestBody(containing("client_id=test-client.apps.googleusercontent.com")));
  }

  @Test
  void aClinicsOwnCredentialsOverrideTheSharedOnes() {
    google.stubFor(
        post(urlPathEqualTo("/own-token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\""
                        + FakeGoogleCalendar.ACCESS_TOKEN
                        + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    stubEmptyFreeBusy();
    String own =
        FakeGoogleCalendar.authorizedUserJson(google.baseUrl())
            .replace("/token", "/own-token")
            .replace("test-refresh-token", "clinic-own-refresh-token");
    TenantSecrets secrets =
        (tenantId, name) ->
            TENANT.equals(tenantId) && TenantSecrets.GOOGLE_CREDENTIALS.equals(name)
                ? Optional.of(own)
                : Optional.empty();
    GoogleCalendarBackend withOwn =
        CalendarFixtures.google(CalendarFixtures.googleProperties(google.baseUrl()), secrets);

    withOwn.busy(REF, Instant.parse("2026-03-02T11:00:00Z"), Instant.parse("2026-03-02T21:00:00Z"));

    google.verify(
        postRequestedFor(urlPathEqualTo("/own-token"))
            .withRequestBody(containing("refresh_token=clinic-own-refresh-token")));
    google.verify(0, postRequestedFor(urlPathEqualTo("/token")));
  }

  @Test
  void insertSendsPlainJsonWithTheChosenIdTheClinicZoneAndThePrivateTag() {
    google.stubFor(
        post(urlPathEqualTo(CAL_PATH + "/events"))
            .willReturn(
                okJson(
                    "{\"kind\":\"calendar#event\",\"id\":\"0123456789abcdef\",\"status\":\"confirmed\"}")));

    boolean created =
        backend.insert(
            REF,
            new CalendarEvent(
                "0123456789abcdef",
                Instant.parse("2026-03-02T13:00:00Z"),
                Instant.parse("2026-03-02T13:30:00Z"),
                "Ana (WhatsApp)",
                "Booked by the patient through ClinicFlow.",
                "confirmed",
                false,
                Map.of("cf_tenant", TENANT, "cf_contact", "5511999990001")),
            CalendarFixtures.SAO_PAULO);

    assertThat(created).isTrue();
    google.verify(
        postRequestedFor(urlPathEqualTo(CAL_PATH + "/events"))
            .withQueryParam("sendUpdates", equalTo("none"))
            .withHeader("Content-Encoding", absent())
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"id":"0123456789abcdef","summary":"Ana (WhatsApp)",
                     "description":"Booked by the patient through ClinicFlow.",
                     "start":{"dateTime":"2026-03-02T10:00:00.000-03:00","timeZone":"America/Sao_Paulo"},
                     "end":{"dateTime":"2026-03-02T10:30:00.000-03:00","timeZone":"America/Sao_Paulo"},
                     "extendedProperties":{"private":{"cf_tenant":"clinica","cf_contact":"5511999990001"}}}""")));
  }

  @Test
  void aConflictOnInsertMeansTheIdExistsNotAFailure() {
    google.stubFor(
        post(urlPathEqualTo(CAL_PATH + "/events"))
            .willReturn(googleError(409, "duplicate", "The requested identifier already exists.")));

    assertThat(backend.insert(REF, event("0123456789abcdef"), CalendarFixtures.SAO_PAULO))
        .isFalse();
  }

  @Test
  void listAsksForSingleEventsInOrderFilteredByThePatientTagAndFollowsPages() {
    google.stubFor(
        get(urlPathEqualTo(CAL_PATH + "/events"))
            .withQueryParam("pageToken", absent())
            .willReturn(
                okJson(
                    """
                    {"kind":"calendar#events","nextPageToken":"page-2","items":[
                     {"id":"aaaaa1","status":"confirmed","summary":"Ana",
                      "start":{"dateTime":"2026-03-02T10:00:00.000-03:00","timeZone":"America/Sao_Paulo"},
                      "end":{"dateTime":"2026-03-02T10:30:00-03:00"},
                      "extendedProperties":{"private":{"cf_tenant":"clinica","cf_contact":"5511999990001"}}},
                     {"id":"aaaaa2","status":"cancelled"}]}""")));
    google.stubFor(
        get(urlPathEqualTo(CAL_PATH + "/events"))
            .withQueryParam("pageToken", equalTo("page-2"))
            .willReturn(
                okJson(
                    """
                    {"kind":"calendar#events","items":[
                     {"id":"aaaaa3","status":"confirmed",
                      "start":{"dateTime":"2026-03-03T09:00:00-03:00"},
                      "end":{"dateTime":"2026-03-03T09:30:00-03:00"}}]}""")));

    List<CalendarEvent> events =
        backend.list(
            REF,
            Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"),
            "cf_contact=5511999990001");

    assertThat(events).extracting(CalendarEvent::id).containsExactly("aaaaa1", "aaaaa3");
    assertThat(events.get(0).property("cf_contact")).isEqualTo("5511999990001");
    assertThat(events.get(0).start()).isEqualTo(Instant.parse("2026-03-02T13:00:00Z"));
    google.verify(
        getRequestedFor(urlPathEqualTo(CAL_PATH + "/events"))
            .withQueryParam("singleEvents", equalTo("true"))
            .withQueryParam("orderBy", equalTo("startTime"))
            .withQueryParam("timeMin", equalTo("2026-03-01T00:00:00.000Z"))
            .withQueryParam("timeMax", equalTo("2026-04-01T00:00:00.000Z"))
            .withQueryParam("privateExtendedProperty", equalTo("cf_contact=5511999990001")));
  }

  @Test
  void patchIsARealPatchWithOnlyTheChangedFields() {
    google.stubFor(
        patch(urlPathEqualTo(CAL_PATH + "/events/aaaaa1"))
            .willReturn(
                okJson(
                    """
                    {"id":"aaaaa1","status":"confirmed",
                     "start":{"dateTime":"2026-03-02T11:00:00-03:00"},
                     "end":{"dateTime":"2026-03-02T11:30:00-03:00"}}""")));

    CalendarEvent moved =
        backend.patch(
            REF,
            "aaaaa1",
            EventPatch.times(
                Instant.parse("2026-03-02T14:00:00Z"),
                Instant.parse("2026-03-02T14:30:00Z"),
                CalendarFixtures.SAO_PAULO));

    assertThat(moved.start()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
    google.verify(
        patchRequestedFor(urlPathEqualTo(CAL_PATH + "/events/aaaaa1"))
            .withHeader("X-HTTP-Method-Override", absent())
            .withHeader("Content-Encoding", absent())
            .withRequestBody(
                equalToJson(
                    """
                    {"start":{"dateTime":"2026-03-02T11:00:00.000-03:00","timeZone":"America/Sao_Paulo"},
                     "end":{"dateTime":"2026-03-02T11:30:00.000-03:00","timeZone":"America/Sao_Paulo"}}""")));
  }

  @Test
  void deleteIs204AndAnEventAlreadyGoneIsNotAFailure() {
    google.stubFor(
        delete(urlPathEqualTo(CAL_PATH + "/events/aaaaa1"))
            .willReturn(aResponse().withStatus(204)));
    google.stubFor(
        delete(urlPathEqualTo(CAL_PATH + "/events/aaaaa2"))
            .willReturn(googleError(410, "deleted", "Resource has been deleted")));

    assertThat(backend.delete(REF, "aaaaa1")).isTrue();
    assertThat(backend.delete(REF, "aaaaa2")).isFalse();
    google.verify(
        deleteRequestedFor(urlPathEqualTo(CAL_PATH + "/events/aaaaa1"))
            .withQueryParam("sendUpdates", equalTo("none")));
  }

  @Test
  void getOfAnUnknownIdIsEmpty() {
    google.stubFor(
        get(urlPathEqualTo(CAL_PATH + "/events/aaaaa9"))
            .willReturn(googleError(404, "notFound", "Not Found")));

    assertThat(backend.get(REF, "aaaaa9")).isEmpty();
  }

  @Test
  void serverErrorsAreRetryableUpstreamUnavailableAndTheClientDoesNotRetryThem() {
    google.stubFor(
        post(urlPathEqualTo(CAL_PATH + "/events"))
            .willReturn(googleError(503, "backendError", "Backend Error")));

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> backend.insert(REF, event("0123456789abcdef"), CalendarFixtures.SAO_PAULO));

    assertThat(failure.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("503").doesNotContain("Ana");
    google.verify(1, postRequestedFor(urlPathEqualTo(CAL_PATH + "/events")));
  }

  @Test
  void rateLimitsAreRetriedLaterAndOther403sAreNotRetried() {
    google.stubFor(
        get(urlPathEqualTo(CAL_PATH + "/events/aaaaa1"))
            .willReturn(googleError(403, "rateLimitExceeded", "Rate Limit Exceeded")));
    google.stubFor(
        get(urlPathEqualTo(CAL_PATH + "/events/aaaaa2"))
            .willReturn(googleError(429, "rateLimitExceeded", "Too Many Requests")));
    google.stubFor(
        get(urlPathEqualTo(CAL_PATH + "/events/aaaaa3"))
            .willReturn(googleError(403, "forbidden", "Forbidden")));

    ApplicationFailure limited =
        catchThrowableOfType(ApplicationFailure.class, () -> backend.get(REF, "aaaaa1"));
    ApplicationFailure tooMany =
        catchThrowableOfType(ApplicationFailure.class, () -> backend.get(REF, "aaaaa2"));
    ApplicationFailure forbidden =
        catchThrowableOfType(ApplicationFailure.class, () -> backend.get(REF, "aaaaa3"));

    assertThat(limited.getType()).isEqualTo(Errors.RATE_LIMITED.name());
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(tooMany.getType()).isEqualTo(Errors.RATE_LIMITED.name());
    assertThat(forbidden.getType()).isEqualTo(Errors.UNAUTHORIZED.name());
    assertThat(forbidden.isNonRetryable()).isTrue();
  }

  @Test
  void aCalendarThatIsNotSharedIsAConfigurationFailure() {
    google.stubFor(
        post(urlPathEqualTo("/calendar/v3/freeBusy"))
            .willReturn(
                okJson(
                    """
                    {"kind":"calendar#freeBusy","calendars":{"agenda@clinica.example":
                     {"errors":[{"domain":"global","reason":"notFound"}],"busy":[]}}}""")));

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                backend.busy(
                    REF,
                    Instant.parse("2026-03-02T11:00:00Z"),
                    Instant.parse("2026-03-02T21:00:00Z")));

    assertThat(failure.getType()).isEqualTo(Errors.CONFIGURATION.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void refusedCredentialsAreUnauthorizedAndNotRetried() {
    google.stubFor(
        post(urlPathEqualTo("/token"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}")));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> backend.get(REF, "aaaaa1"));

    assertThat(failure.getType()).isEqualTo(Errors.UNAUTHORIZED.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  private void stubEmptyFreeBusy() {
    google.stubFor(
        post(urlPathEqualTo("/calendar/v3/freeBusy"))
            .willReturn(
                okJson(
                    """
                    {"kind":"calendar#freeBusy","calendars":{"agenda@clinica.example":{"busy":[]}}}""")));
  }

  private static CalendarEvent event(String id) {
    return new CalendarEvent(
        id,
        Instant.parse("2026-03-02T13:00:00Z"),
        Instant.parse("2026-03-02T13:30:00Z"),
        "Ana (WhatsApp)",
        null,
        "confirmed",
        false,
        Map.of("cf_tenant", TENANT));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder googleError(
      int status, String reason, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(
            "{\"error\":{\"code\":"
                + status
                + ",\"message\":\""
                + message
                + "\",\"errors\":[{\"domain\":\"global\",\"reason\":\""
                + reason
                + "\",\"message\":\""
                + message
                + "\"}]}}");
  }
}
