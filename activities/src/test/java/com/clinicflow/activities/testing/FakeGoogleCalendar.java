package com.clinicflow.activities.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Google Calendar v3 behind WireMock, speaking the JSON of the real API: {@code POST
 * /calendar/v3/freeBusy}, and {@code insert}, {@code get}, {@code list}, {@code patch} and {@code
 * delete} of {@code /calendar/v3/calendars/{id}/events}, plus an OAuth token endpoint at {@code
 * /token}. It keeps Google's rules that the code under test relies on: client-chosen ids, 409 for
 * an existing id (also a deleted one, which keeps its id with status {@code cancelled}), {@code
 * privateExtendedProperty} filters, free/busy merging and ignoring cancelled and transparent
 * events, patch merging private properties, and 401 without the token the token endpoint issued.
 *
 * <p>Faults for tests: {@link #failNextInsertsAfterStoring} (the event is stored, the answer is a
 * 503: a response lost after the write), {@link #delayFreeBusy} (a slow free/busy read: the window
 * of a race).
 */
public final class FakeGoogleCalendar implements ResponseDefinitionTransformerV2 {

  public static final String NAME = "fake-google-calendar";
  public static final String ACCESS_TOKEN = "fake-google-access-token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EVENTS =
      Pattern.compile("/calendar/v3/calendars/([^/]+)/events(?:/([^/?]+))?");

  private final Map<String, Map<String, ObjectNode>> calendars = new LinkedHashMap<>();
  private final AtomicInteger insertFailures = new AtomicInteger();
  private final AtomicLong freeBusyDelayMillis = new AtomicLong();
  private final AtomicInteger tokenRequests = new AtomicInteger();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** Routes the Calendar API and the token endpoint of {@code server} to this fake. */
  public void install(Stubbing server) {
    server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withTransformers(NAME)));
    server.stubFor(
        any(urlPathMatching("/calendar/v3/.*")).willReturn(aResponse().withTransformers(NAME)));
  }

  // ---- test controls ---------------------------------------------------------------------------

  public synchronized void reset() {
    calendars.clear();
    insertFailures.set(0);
    freeBusyDelayMillis.set(0);
  }

  /** The next {@code count} inserts store the event and then answer 503. */
  public void failNextInsertsAfterStoring(int count) {
    insertFailures.set(count);
  }

  /** Free/busy answers are computed at once and delivered after {@code millis}. */
  public void delayFreeBusy(long millis) {
    freeBusyDelayMillis.set(millis);
  }

  /** Token exchanges since this fake was made (not reset: clients cache their tokens). */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** Events of the calendar that are not cancelled, in start order. */
  public synchronized List<JsonNode> events(String calendarId) {
    return calendar(calendarId).values().stream()
        .filter(e -> !"cancelled".equals(e.path("status").asText()))
        .sorted(Comparator.comparing(FakeGoogleCalendar::start))
        .map(JsonNode.class::cast)
        .toList();
  }

  /** Every event ever stored in the calendar, cancelled ones included. */
  public synchronized List<JsonNode> allEvents(String calendarId) {
    return List.copyOf(calendar(calendarId).values());
  }

  /** Puts an event as if created in the calendar UI or earlier by ClinicFlow. */
  public synchronized void put(
      String calendarId,
      String id,
      String start,
      String end,
      Map<String, String> privateProperties) {
    ObjectNode event = JSON.createObjectNode();
    event.put("kind", "calendar#event");
    event.put("id", id);
    event.put("status", "confirmed");
    event.put("summary", "Seeded");
    event.putObject("start").put("dateTime", start);
    event.putObject("end").put("dateTime", end);
    ObjectNode priv = event.putObject("extendedProperties").putObject("private");
    privateProperties.forEach(priv::put);
    calendar(calendarId).put(id, event);
  }

  // ---- the API ---------------------------------------------------------------------------------

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    LoggedRequest request = serveEvent.getRequest();
    String path = request.getUrl().split("\\?", 2)[0];
    if (path.equals("/token")) {
      tokenRequests.incrementAndGet();
      return json(
          200,
          "{\"access_token\":\""
              + ACCESS_TOKEN
              + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}",
          0);
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null || !authorization.equals("Bearer " + ACCESS_TOKEN)) {
      return error(401, "authError", "Invalid Credentials");
    }
    try {
      if (path.equals("/calendar/v3/freeBusy") && request.getMethod().value().equals("POST")) {
        return freeBusy(JSON.readTree(request.getBodyAsString()));
      }
      Matcher m = EVENTS.matcher(path);
      if (!m.matches()) {
        return error(404, "notFound", "Not Found");
      }
      String calendarId = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      String eventId =
          m.group(2) == null ? null : URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
      String method = request.getMethod().value();
      if (eventId == null && method.equals("POST")) {
        return insert(calendarId, (ObjectNode) JSON.readTree(request.getBodyAsString()));
      }
      if (eventId == null && method.equals("GET")) {
        return list(calendarId, request);
      }
      if (method.equals("GET")) {
        return get(calendarId, eventId);
      }
      if (method.equals("PATCH")) {
        return patch(calendarId, eventId, (ObjectNode) JSON.readTree(request.getBodyAsString()));
      }
      if (method.equals("DELETE")) {
        return delete(calendarId, eventId);
      }
      return error(405, "methodNotAllowed", "Method Not Allowed");
    } catch (Exception e) {
      return error(400, "badRequest", "Bad Request");
    }
  }

  private synchronized ResponseDefinition freeBusy(JsonNode body) {
    String calendarId = body.at("/items/0/id").asText();
    Instant min = Instant.parse(normalize(body.path("timeMin").asText()));
    Instant max = Instant.parse(normalize(body.path("timeMax").asText()));
    List<Instant[]> busy = new ArrayList<>();
    events(calendarId).stream()
        .filter(e -> !"transparent".equals(e.path("transparency").asText()))
        .forEach(
            e -> {
              Instant s = start(e);
              Instant en = end(e);
              if (s.isBefore(max) && en.isAfter(min)) {
                busy.add(new Instant[] {s.isBefore(min) ? min : s, en.isAfter(max) ? max : en});
              }
            });
    busy.sort(Comparator.comparing(b -> b[0]));
    List<Instant[]> merged = new ArrayList<>();
    for (Instant[] b : busy) {
      if (!merged.isEmpty() && !b[0].isAfter(merged.get(merged.size() - 1)[1])) {
        Instant[] last = merged.get(merged.size() - 1);
        if (b[1].isAfter(last[1])) {
          last[1] = b[1];
        }
      } else {
        merged.add(new Instant[] {b[0], b[1]});
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("kind", "calendar#freeBusy");
    answer.put("timeMin", min.toString());
    answer.put("timeMax", max.toString());
    ArrayNode periods = answer.putObject("calendars").putObject(calendarId).putArray("busy");
    for (Instant[] b : merged) {
      periods.addObject().put("start", b[0].toString()).put("end", b[1].toString());
    }
    return json(200, answer.toString(), freeBusyDelayMillis.get());
  }

  private synchronized ResponseDefinition insert(String calendarId, ObjectNode event) {
    String id = event.path("id").asText();
    if (id.isEmpty()) {
      id = "generated" + System.nanoTime();
      event.put("id", id);
    }
    if (calendar(calendarId).containsKey(id)) {
      return error(409, "duplicate", "The requested identifier already exists.");
    }
    event.put("kind", "calendar#event");
    event.put("status", "confirmed");
    event.put("htmlLink", "https://www.google.com/calendar/event?eid=" + id);
    calendar(calendarId).put(id, event);
    if (insertFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      return error(503, "backendError", "Backend Error");
    }
    return json(200, event.toString(), 0);
  }

  private synchronized ResponseDefinition get(String calendarId, String eventId) {
    ObjectNode event = calendar(calendarId).get(eventId);
    return event == null ? error(404, "notFound", "Not Found") : json(200, event.toString(), 0);
  }

  private synchronized ResponseDefinition list(String calendarId, LoggedRequest request) {
    Instant min =
        param(request, "timeMin").map(v -> Instant.parse(normalize(v))).orElse(Instant.MIN);
    Instant max =
        param(request, "timeMax").map(v -> Instant.parse(normalize(v))).orElse(Instant.MAX);
    String filter = param(request, "privateExtendedProperty").orElse(null);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("kind", "calendar#events");
    ArrayNode items = answer.putArray("items");
    for (JsonNode event : events(calendarId)) {
      if (!start(event).isBefore(max) || !end(event).isAfter(min)) {
        continue;
      }
      if (filter != null) {
        String[] kv = filter.split("=", 2);
        if (!kv[1].equals(event.at("/extendedProperties/private/" + kv[0]).asText(null))) {
          continue;
        }
      }
      items.add(event);
    }
    return json(200, answer.toString(), 0);
  }

  private synchronized ResponseDefinition patch(
      String calendarId, String eventId, ObjectNode partial) {
    ObjectNode event = calendar(calendarId).get(eventId);
    if (event == null) {
      return error(404, "notFound", "Not Found");
    }
    if (partial.has("start")) {
      event.set("start", partial.get("start"));
    }
    if (partial.has("end")) {
      event.set("end", partial.get("end"));
    }
    JsonNode priv = partial.at("/extendedProperties/private");
    if (priv.isObject()) {
      ObjectNode extended =
          event.get("extendedProperties") instanceof ObjectNode o
              ? o
              : event.putObject("extendedProperties");
      ObjectNode target =
          extended.get("private") instanceof ObjectNode o ? o : extended.putObject("private");
      priv.fields().forEachRemaining(f -> target.set(f.getKey(), f.getValue()));
    }
    return json(200, event.toString(), 0);
  }

  private synchronized ResponseDefinition delete(String calendarId, String eventId) {
    ObjectNode event = calendar(calendarId).get(eventId);
    if (event == null) {
      return error(404, "notFound", "Not Found");
    }
    if ("cancelled".equals(event.path("status").asText())) {
      return error(410, "deleted", "Resource has been deleted");
    }
    event.put("status", "cancelled");
    return aResponse().withStatus(204).build();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private Map<String, ObjectNode> calendar(String calendarId) {
    return calendars.computeIfAbsent(calendarId, k -> new LinkedHashMap<>());
  }

  private static java.util.Optional<String> param(LoggedRequest request, String name) {
    var values = request.queryParameter(name);
    return values.isPresent()
        ? java.util.Optional.of(values.firstValue())
        : java.util.Optional.empty();
  }

  private static Instant start(JsonNode event) {
    return Instant.parse(normalize(event.at("/start/dateTime").asText()));
  }

  private static Instant end(JsonNode event) {
    return Instant.parse(normalize(event.at("/end/dateTime").asText()));
  }

  /** RFC 3339 with any offset, as an instant string. */
  private static String normalize(String rfc3339) {
    return OffsetDateTime.parse(rfc3339).toInstant().toString();
  }

  private static ResponseDefinition json(int status, String body, long delayMillis) {
    var builder =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json; charset=UTF-8")
            .withBody(body);
    if (delayMillis > 0) {
      builder.withFixedDelay((int) delayMillis);
    }
    return builder.build();
  }

  static ResponseDefinition error(int status, String reason, String message) {
    return json(
        status,
        "{\"error\":{\"code\":"
            + status
            + ",\"message\":\""
            + message
            + "\",\"errors\":[{\"domain\":\"global\",\"reason\":\""
            + reason
            + "\",\"message\":\""
            + message
            + "\"}]}}",
        0);
  }

  /** An authorized-user credentials JSON whose token exchange goes to this fake's /token. */
  public static String authorizedUserJson(String baseUrl) {
    return "{\"type\":\"authorized_user\",\"client_id\":\"test-client.apps.googleusercontent.com\","
        + "\"client_secret\":\"test-secret\",\"refresh_token\":\"test-refresh-token\","
        + "\"token_uri\":\""
        + baseUrl
        + "/token\"}";
  }
}
