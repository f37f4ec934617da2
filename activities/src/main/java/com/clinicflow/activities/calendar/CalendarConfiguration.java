package com.clinicflow.activities.calendar;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.google.GoogleConfiguration;
import com.clinicflow.activities.google.GoogleCredentialSource;
import com.clinicflow.activities.google.GoogleProperties;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ContactIdentityRepository;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.workflows.appointments.AppointmentActivities;
import com.google.api.client.http.HttpTransport;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appointments: Google Calendar when credentials are configured (shared, or a clinic's own), the
 * PostgreSQL sandbox otherwise; the patient's appointment tools; and the activities of the daily
 * confirmations. Needs a {@link DataSource}, {@link TenantSecrets}, {@link CachedTenants}, {@link
 * TenantRepository} and {@link ContactIdentityRepository} (StoreConfiguration,
 * SecretsConfiguration).
 *
 * <p>Beans other modules use: {@code appointments} ({@link Appointments}, the scoped calendar
 * service for more tools), {@code appointmentActivities} ({@link AppointmentActivities}, register
 * with the worker), {@code googleCalendarIntegrationStatus}; and, from {@link GoogleConfiguration},
 * the credentials and transport every Google API shares. The six patient tools are {@code
 * ToolHandler} beans, picked up by ToolsConfiguration.
 */
@Configuration(proxyBeanMethods = false)
@Import(GoogleConfiguration.class)
public class CalendarConfiguration {

  @Bean
  public Appointments appointments(
      GoogleProperties properties,
      GoogleCredentialSource credentials,
      HttpTransport googleHttpTransport,
      DataSource dataSource,
      ObjectProvider<PlatformTransactionManager> transactionManager,
      ContactIdentityRepository contactIdentities) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    GoogleCalendarClients clients =
        new GoogleCalendarClients(credentials, googleHttpTransport, properties);
    CalendarBackends backends =
        new CalendarBackends(
            credentials,
            new GoogleCalendarBackend(clients::forTenant),
            new SandboxCalendarBackend(jdbc));
    PlatformTransactionManager transactions =
        transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource));
    return new Appointments(
        backends,
        new CalendarLock(jdbc, new TransactionTemplate(transactions)),
        contactIdentities::identitiesOf,
        Clock.systemUTC());
  }

  @Bean
  public AppointmentActivities appointmentActivities(
      TenantRepository tenantRepository,
      Appointments appointments,
      DataSource dataSource,
      GoogleProperties properties) {
    return new AppointmentActivitiesImpl(
        tenantRepository,
        appointments,
        JdbcClient.create(dataSource),
        properties.confirmationLocalTime());
  }

  @Bean
  CheckAvailabilityTool checkAvailabilityTool(Appointments appointments, CachedTenants tenants) {
    return new CheckAvailabilityTool(appointments, tenants);
  }

  @Bean
  BookAppointmentTool bookAppointmentTool(Appointments appointments, CachedTenants tenants) {
    return new BookAppointmentTool(appointments, tenants);
  }

  @Bean
  ListMyAppointmentsTool listMyAppointmentsTool(Appointments appointments, CachedTenants tenants) {
    return new ListMyAppointmentsTool(appointments, tenants);
  }

  @Bean
  CancelMyAppointmentTool cancelMyAppointmentTool(
      Appointments appointments, CachedTenants tenants) {
    return new CancelMyAppointmentTool(appointments, tenants);
  }

  @Bean
  RescheduleMyAppointmentTool rescheduleMyAppointmentTool(
      Appointments appointments, CachedTenants tenants) {
    return new RescheduleMyAppointmentTool(appointments, tenants);
  }

  @Bean
  ConfirmMyAppointmentTool confirmMyAppointmentTool(
      Appointments appointments, CachedTenants tenants) {
    return new ConfirmMyAppointmentTool(appointments, tenants);
  }

  @Bean
  public IntegrationStatus googleCalendarIntegrationStatus(GoogleProperties properties) {
    return status(properties);
  }

  static IntegrationStatus status(GoogleProperties properties) {
    if (!properties.hasSharedCredentials()) {
      return new IntegrationStatus(
          "google-calendar",
          false,
          "sandbox (PostgreSQL): no clinicflow.google.credentials-file; clinics with their own"
              + " google_credentials secret use Google");
    }
    return new IntegrationStatus(
        "google-calendar",
        true,
        properties.rootUrl()
            + " (confirmations at "
            + properties.confirmationTime()
            + " clinic time)");
  }
}
