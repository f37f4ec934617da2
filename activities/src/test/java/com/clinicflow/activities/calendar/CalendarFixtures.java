package com.clinicflow.activities.calendar;

import com.clinicflow.activities.google.GoogleCredentialSource;
import com.clinicflow.activities.google.GoogleHttp;
import com.clinicflow.activities.google.GoogleProperties;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.store.ContactIdentityRepository;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.activities.testing.FakeGoogleCalendar;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import com.google.api.client.http.HttpTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Clinics, clocks and the calendar service wired over the sandbox or over a fake Google. */
final class CalendarFixtures {

  static final String CALENDAR = "agenda@clinica.example";
  static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  private CalendarFixtures() {}

  /** A clinic open 08:00-18:00 every day, 30-minute appointments, in São Paulo. */
  static TenantConfig clinic(String tenantId) {
    Map<String, OpeningHours> hours = new LinkedHashMap<>();
    for (String day : new String[] {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      hours.put(day, new OpeningHours("08:00", "18:00"));
    }
    return new TenantConfig(
        tenantId,
        "Clinic " + tenantId,
        tenantId + "_instance",
        CALENDAR,
        null,
        null,
        null,
        "prompt",
        "internal",
        "Remind the patient.",
        hours,
        Map.of("appointment_minutes", 30),
        "America/Sao_Paulo",
        "pt-BR",
        true,
        100,
        0,
        null,
        "fallback",
        "quota",
        null,
        null,
        null);
  }

  /** Inserts the clinic's row (the sandbox table references it). */
  static void insertClinic(String tenantId) {
    EmbeddedDatabase.insertTenant(tenantId, tenantId + "_instance", null);
    EmbeddedDatabase.jdbc()
        .sql(
            """
            UPDATE tenant_config SET google_calendar_id = :calendar,
              business_hours = '{"mon":{"open":"08:00","close":"18:00"},"tue":{"open":"08:00","close":"18:00"},
                "wed":{"open":"08:00","close":"18:00"},"thu":{"open":"08:00","close":"18:00"},
                "fri":{"open":"08:00","close":"18:00"},"sat":{"open":"08:00","close":"18:00"},
                "sun":{"open":"08:00","close":"18:00"}}'::jsonb
             WHERE tenant_id = :id
            """)
        .param("calendar", CALENDAR)
        .param("id", tenantId)
        .update();
  }

  /** A clock tests can move. */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  static CalendarLock lock() {
    return new CalendarLock(
        EmbeddedDatabase.jdbc(),
        new TransactionTemplate(new DataSourceTransactionManager(EmbeddedDatabase.dataSource())));
  }

  /** The clinic's learned LID ↔ phone identities, in the test database. */
  static PatientIdentities identities() {
    return new ContactIdentityRepository(EmbeddedDatabase.jdbc())::identitiesOf;
  }

  /** The service over the PostgreSQL sandbox. */
  static Appointments sandbox(Clock clock) {
    SandboxCalendarBackend sandbox = new SandboxCalendarBackend(EmbeddedDatabase.jdbc());
    return new Appointments(
        new CalendarBackends(null, sandbox, sandbox), lock(), identities(), clock);
  }

  /** Shared credentials of an authorized user whose token exchange goes to {@code fakeBase}. */
  static GoogleProperties googleProperties(String fakeBase) {
    try {
      Path file = Files.createTempFile("google-credentials", ".json");
      Files.writeString(file, FakeGoogleCalendar.authorizedUserJson(fakeBase));
      file.toFile().deleteOnExit();
      return GoogleProperties.of(file.toString(), fakeBase + "/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final TenantSecrets NO_SECRETS = (tenantId, name) -> Optional.empty();

  /** The Google backend against {@code fakeBase}, with the shared credentials file. */
  static GoogleCalendarBackend google(String fakeBase) {
    return google(googleProperties(fakeBase), NO_SECRETS);
  }

  static GoogleCalendarBackend google(GoogleProperties properties, TenantSecrets secrets) {
    HttpTransport transport = GoogleHttp.newTransport();
    GoogleCredentialSource credentials =
        new GoogleCredentialSource(properties, secrets, GoogleHttp.factory(transport));
    GoogleCalendarClients clients = new GoogleCalendarClients(credentials, transport, properties);
    return new GoogleCalendarBackend(clients::forTenant);
  }

  /** The service over Google at {@code fakeBase}. */
  static Appointments google(String fakeBase, Clock clock) {
    GoogleCalendarBackend google = google(fakeBase);
    // Without a credential source the router answers its fallback, here Google too.
    return new Appointments(
        new CalendarBackends(null, google, google), lock(), identities(), clock);
  }
}
