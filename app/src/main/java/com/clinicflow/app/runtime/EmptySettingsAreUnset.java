package com.clinicflow.app.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * An environment variable set to nothing ({@code CLINICFLOW_TENANT_CACHE_LISTEN=}) is a setting
 * left to its default, as {@code .env.example} promises for every line an operator leaves empty.
 * Spring would bind it as an empty value instead: a boolean or a number then fails the start
 * ("Failed to bind properties … A null value cannot be assigned to a primitive type") and a
 * duration becomes null. docker compose passes each empty line of {@code .env} as such a variable,
 * so the environment's empty variables are dropped before anything binds.
 */
public class EmptySettingsAreUnset implements EnvironmentPostProcessor, Ordered {

  /** After Spring Boot replaces the environment's source, before anything reads a role. */
  static final int ORDER = 0;

  private static final String NAME = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    PropertySource<?> source = environment.getPropertySources().get(NAME);
    if (!(source instanceof SystemEnvironmentPropertySource variables)) {
      return;
    }
    Map<String, Object> set = new LinkedHashMap<>();
    for (Map.Entry<String, Object> variable : variables.getSource().entrySet()) {
      if (!"".equals(variable.getValue())) {
        set.put(variable.getKey(), variable.getValue());
      }
    }
    if (set.size() < variables.getSource().size()) {
      environment.getPropertySources().replace(NAME, new SetVariables(set));
    }
  }

  /** The variables with a value, still named as their origin in Spring's error reports. */
  private static final class SetVariables extends SystemEnvironmentPropertySource
      implements OriginLookup<String> {

    SetVariables(Map<String, Object> variables) {
      super(NAME, variables);
    }

    @Override
    public Origin getOrigin(String key) {
      String variable = resolvePropertyName(key);
      return getSource().containsKey(variable) ? new SystemEnvironmentOrigin(variable) : null;
    }
  }
}
