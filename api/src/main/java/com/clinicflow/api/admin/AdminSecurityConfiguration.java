package com.clinicflow.api.admin;

import com.clinicflow.api.codec.CodecProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Guards {@code /api/**} and {@code /codec/**} with the admin token (and only those paths). */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

  /**
   * A registration bean, not a {@code @Component} filter: Spring Boot would map a filter component
   * to every path, and the OpenAPI document, Swagger UI, health and webhooks must not need the
   * admin token.
   */
  @Bean
  AdminToken adminToken(AdminProperties properties) {
    return new AdminToken(properties);
  }

  @Bean
  CodecSessions codecSessions(AdminProperties admin, CodecProperties codec) {
    return new CodecSessions(
        admin.tokenConfigured() ? admin.token() : null, codec.sessionDuration(), Clock.systemUTC());
  }

  @Bean
  FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(
      AdminProperties properties,
      AdminToken token,
      CodecSessions codecSessions,
      ObjectMapper json) {
    if (!properties.tokenConfigured()) {
      log.warn(
          "clinicflow.admin.token is not set: the admin API (/api/**) refuses every call until it"
              + " is.");
    }
    FilterRegistrationBean<AdminTokenFilter> registration =
        new FilterRegistrationBean<>(new AdminTokenFilter(token, codecSessions, json));
    // The codec endpoint decrypts patient data for the Temporal UI: operators only.
    registration.addUrlPatterns("/api/*", "/codec/*");
    registration.setName("clinicflowAdminToken");
    // Before anything that could read the body or reach a controller.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
