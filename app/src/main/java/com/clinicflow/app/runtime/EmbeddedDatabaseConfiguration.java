package com.clinicflow.app.runtime;

import com.clinicflow.app.roles.ConditionalOnRole;
import com.clinicflow.app.roles.Role;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
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

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedPostgresServer server) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername("postgres");
    config.setPoolName("clinicflow-embedded");
    config.setMaximumPoolSize(20);
    return new HikariDataSource(config);
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
