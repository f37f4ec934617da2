package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.tenant.TenantConfigLoader;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.clinicflow.workflows.tenant.TenantResolution;
import com.zaxxer.hikari.HikariDataSource;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's run command with nothing configured: embedded PostgreSQL and Temporal, the demo
 * clinic, data that survive a restart, and a clinic added through the admin API that
 * TenantConfigLoader resolves.
 */
class EmbeddedRuntimeIT {

  private static final String ADMIN = "admin-token";
  private final HttpClient http = HttpClient.newHttpClient();

  private ConfigurableApplicationContext start(Path dataDir) {
    // Command-line arguments, as an operator would pass them: they override application.yaml
    // (builder "properties" would not, being defaults).
    return new SpringApplicationBuilder(ClinicFlowApplication.class)
        .run(
            "--server.port=0",
            "--clinicflow.data-dir=" + dataDir,
            "--clinicflow.temporal.embedded-port=" + TestPorts.free(),
            "--clinicflow.admin.token=" + ADMIN);
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private HttpResponse<String> call(int port, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @TempDir Path dataDir;

  @Test
  void embeddedModeIsHealthyWithTheDemoClinicAndKeepsDataAcrossARestart() throws Exception {
    String clinic =
        """
        {"tenant_id":"clinica-moreira","clinic_name":"Clínica Moreira",
         "evolution_instance_name":"clinic_moreira_instance",
         "telegram_internal_chat_id":-1001234567890,
         "system_prompt_patient":"Você é a assistente da Clínica Moreira.",
         "system_prompt_internal":"Você ajuda a equipe.",
         "system_prompt_confirmation":"Lembre o paciente da consulta.",
         "business_hours":{"mon":{"open":"08:00","close":"18:00"}},
         "clinic_info":{"appointment_minutes":30},
         "timezone":"America/Sao_Paulo","language":"pt-BR","monthly_message_limit":5000,
         "fallback_message":"Desculpe, já retornamos.",
         "quota_exceeded_message":"Limite atingido."}""";

    try (ConfigurableApplicationContext first = start(dataDir)) {
      int port = port(first);
      HttpResponse<String> health = call(port, "GET", "/actuator/health", null, null);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
      assertThat(demoClinics(first)).isEqualTo(1);
      // The embedded pool takes spring.datasource.hikari.* like an external database's pool: a
      // webhook that finds the database gone answers 503 after 3 s, not Hikari's default 30 s.
      HikariDataSource pool = first.getBean(HikariDataSource.class);
      assertThat(pool.getConnectionTimeout()).isEqualTo(3_000);
      assertThat(pool.getMaximumPoolSize()).isEqualTo(20);

      assertThat(call(port, "GET", "/api/tenants", null, null).statusCode()).isEqualTo(401);
      assertThat(call(port, "POST", "/api/tenants", "wrong", clinic).statusCode()).isEqualTo(401);
      HttpResponse<String> created = call(port, "POST", "/api/tenants", ADMIN, clinic);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      TenantResolution resolution =
          first
              .getBean(WorkflowClient.class)
              .newWorkflowStub(
                  TenantConfigLoader.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue("clinicflow")
                      .setWorkflowId("test/tenant-resolution")
                      .build())
              .resolve(
                  TenantLookup.whatsApp(
                      "clinic_moreira_instance", "test/tenant-resolution", "turn-1"));
      assertThat(resolution).isInstanceOf(TenantResolution.Resolved.class);
      assertThat(((TenantResolution.Resolved) resolution).config().tenantId())
          .isEqualTo("clinica-moreira");
    }

    try (ConfigurableApplicationContext second = start(dataDir)) {
      HttpResponse<String> again =
          call(port(second), "GET", "/api/tenants/clinica-moreira", ADMIN, null);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).contains("\"clinic_name\":\"Clínica Moreira\"");
      assertThat(demoClinics(second)).isEqualTo(1);
      assertThat(
              second
                  .getBean(JdbcClient.class)
                  .sql(
                      "SELECT count(*) FROM tenant_activity_log WHERE tenant_id = 'clinica-moreira'")
                  .query(Integer.class)
                  .single())
          .isGreaterThanOrEqualTo(1);
    }
  }

  /**
   * A lone temporal role has no database: every configuration that needs one must be conditional on
   * the api or worker role (component scanning finds them without the role imports).
   */
  @Test
  void theTemporalRoleAloneStartsWithoutADatabase() {
    try (ConfigurableApplicationContext temporal =
        new SpringApplicationBuilder(ClinicFlowApplication.class)
            .run(
                "--clinicflow.roles=temporal",
                "--clinicflow.temporal.embedded-port=" + TestPorts.free())) {
      assertThat(temporal.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
      assertThat(temporal.getBean(com.clinicflow.worker.EmbeddedTemporalServer.class)).isNotNull();
    }
  }

  private static int demoClinics(ConfigurableApplicationContext context) {
    return context
        .getBean(JdbcClient.class)
        .sql("SELECT count(*) FROM tenant_config WHERE tenant_id = 'demo'")
        .query(Integer.class)
        .single();
  }
}
