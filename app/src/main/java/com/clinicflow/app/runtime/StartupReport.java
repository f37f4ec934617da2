package com.clinicflow.app.runtime;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.api.admin.AdminProperties;
import com.clinicflow.app.roles.Role;
import com.clinicflow.worker.TemporalProperties;
import com.clinicflow.worker.ThreadingMode;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One block in the log that tells an operator, at 3 a.m., what this process is: its roles, which
 * database and Temporal it uses, and which integrations are live and which are sandboxed.
 */
@Component
class StartupReport {

  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final Environment environment;
  private final TemporalProperties temporal;
  private final ObjectProvider<EmbeddedPostgresServer> embeddedPostgres;
  private final ObjectProvider<IntegrationStatus> integrations;
  private final ObjectProvider<AdminProperties> admin;

  StartupReport(
      Environment environment,
      TemporalProperties temporal,
      ObjectProvider<EmbeddedPostgresServer> embeddedPostgres,
      ObjectProvider<IntegrationStatus> integrations,
      ObjectProvider<AdminProperties> admin) {
    this.environment = environment;
    this.temporal = temporal;
    this.embeddedPostgres = embeddedPostgres;
    this.integrations = integrations;
    this.admin = admin;
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    log.info("\n{}", render());
  }

  String render() {
    Set<Role> roles = Role.of(environment);
    StringBuilder out = new StringBuilder();
    out.append("================ ClinicFlow ================\n");
    out.append(line("roles", roles.toString().toLowerCase()));
    out.append(line("java", ThreadingMode.detect().describe()));
    if (Role.needsDatabase(roles)) {
      EmbeddedPostgresServer pg = embeddedPostgres.getIfAvailable();
      out.append(
          line(
              "database",
              pg != null
                  ? "embedded PostgreSQL 17 on port "
                      + pg.port()
                      + ", data in "
                      + pg.dataDirectory().toAbsolutePath()
                      + " (demo clinic loaded)"
                  : "external " + redact(environment.getProperty("spring.datasource.url"))));
    }
    out.append(
        line(
            "temporal",
            (temporal.embedded()
                    ? "embedded test server on 127.0.0.1:"
                        + temporal.embeddedPort()
                        // Temporal's test server frees no history, ended or not: the heap
                        // grows with every message until this process stops.
                        + " (in memory, every history kept until this process stops: for"
                        + " trials; see docs/operations.md)"
                    : "external " + temporal.address())
                + ", namespace "
                + temporal.namespace()
                + ", task queue "
                + temporal.taskQueue()));
    if (roles.contains(Role.API)) {
      out.append(line("http", "port " + environment.getProperty("local.server.port", "?")));
      AdminProperties adminProperties = admin.getIfAvailable();
      out.append(
          line(
              "admin",
              adminProperties != null && adminProperties.tokenConfigured()
                  ? "admin API on /api/** (bearer token set)"
                  : "DISABLED: clinicflow.admin.token unset, every /api/** call answers 401"));
    }
    List<IntegrationStatus> statuses = integrations.orderedStream().toList();
    for (IntegrationStatus status : statuses) {
      out.append(line(status.name(), (status.live() ? "LIVE    " : "SANDBOX ") + status.detail()));
    }
    out.append("============================================");
    return out.toString();
  }

  private static String line(String key, String value) {
    return String.format("  %-10s %s%n", key, value);
  }

  /** JDBC URLs may carry a password parameter; show only scheme, host and database. */
  static String redact(String url) {
    if (url == null) {
      return "(none)";
    }
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
