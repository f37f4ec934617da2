package com.clinicflow.api.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clinicflow.admin.*}: access to the admin API ({@code /api/**}).
 *
 * @param token the bearer token every admin call must present; unset or blank disables the admin
 *     API (every call answers 401) rather than leaving it open
 */
@ConfigurationProperties(prefix = "clinicflow.admin")
public record AdminProperties(String token) {

  public AdminProperties {
    token = token == null || token.isBlank() ? null : token;
  }

  public boolean tokenConfigured() {
    return token != null;
  }

  @Override
  public String toString() {
    return "AdminProperties[token=" + (token == null ? "unset" : "***") + "]";
  }
}
