package com.clinicflow.app.runtime;

import com.clinicflow.app.roles.ConditionalOnRole;
import com.clinicflow.app.roles.Role;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Embedded mode for the database: when no {@code spring.datasource.url} is set, ClinicFlow runs its
 * own PostgreSQL and loads the demo clinic (never in production, where the URL is set).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({Role.API, Role.WORKER})
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

  public static final String DEMO_LOCATION = "classpath:db/demo";

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServer embeddedPostgresServer(ClinicFlowProperties properties) {
    return EmbeddedPostgresServer.start(
        Path.of(properties.dataDir()).resolve("postgres"), properties.embeddedPostgresPort());
  }

  /**
   * Bound to {@code spring.datasource.hikari.*} like the pool Spring Boot builds for an external
   * database, so the connection timeout of application.yaml (and any override) holds here too.
   */
  @Bean(destroyMethod = "close")
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgresServer server) {
    // Not started here: the pool starts on first use, after the properties are bound.
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(server.jdbcUrl());
    dataSource.setUsername("postgres");
    dataSource.setPoolName("clinicflow-embedded");
    dataSource.setMaximumPoolSize(20);
    return dataSource;
  }

  /** The demo clinic lives in its own Flyway location, added only here. */
  @Bean
  FlywayConfigurationCustomizer demoClinic() {
    return flyway -> {
      List<String> locations = new ArrayList<>();
      Arrays.stream(flyway.getLocations()).forEach(l -> locations.add(l.getDescriptor()));
      locations.add(DEMO_LOCATION);
      flyway.locations(locations.toArray(String[]::new));
    };
  }
}
