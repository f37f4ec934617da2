package com.clinicflow.app.roles;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * What a ClinicFlow process does ({@code clinicflow.roles}, default {@code api,worker}). Splitting
 * roles lets a worker be killed and restarted while the {@code temporal} process keeps every
 * conversation alive, and lets API and workers scale apart.
 */
public enum Role {
  /** HTTP: webhooks and the admin API. Needs the database and Temporal. */
  API,
  /** The Temporal worker running workflows and activities. Needs the database and Temporal. */
  WORKER,
  /** Hosts only the embedded Temporal server: no database, no HTTP. */
  TEMPORAL;

  public static final String PROPERTY = "clinicflow.roles";
  public static final String DEFAULT = "api,worker";

  public static Set<Role> of(Environment environment) {
    return parse(environment.getProperty(PROPERTY, DEFAULT));
  }

  public static Set<Role> parse(String value) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : value.split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(trimmed.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "clinicflow.roles: unknown role '" + trimmed + "' (use api, worker, temporal)");
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("clinicflow.roles is empty (use api, worker, temporal)");
    }
    return roles;
  }

  /** Whether the process needs PostgreSQL (every role but a lone {@code temporal}). */
  public static boolean needsDatabase(Set<Role> roles) {
    return roles.contains(API) || roles.contains(WORKER);
  }
}
