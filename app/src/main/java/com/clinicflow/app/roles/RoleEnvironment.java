package com.clinicflow.app.roles;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A lone {@code temporal} role has no database and no HTTP: Spring Boot's JDBC and Flyway
 * auto-configuration and the web server are switched off before the context is built, so the
 * process does not fail looking for a datasource it must not have.
 */
public class RoleEnvironment implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Set<Role> roles = Role.of(environment);
    if (Role.needsDatabase(roles)) {
      return;
    }
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("spring.main.web-application-type", "none");
    overrides.put(
        "spring.autoconfigure.exclude",
        String.join(
            ",",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration"));
    environment.getPropertySources().addFirst(new MapPropertySource("clinicflowRoles", overrides));
  }
}
