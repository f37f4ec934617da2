package com.clinicflow.api.codec;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for the Temporal UI's origins on the codec endpoint only (see {@link CodecProperties}).
 *
 * <p>A servlet filter ahead of the admin-token check, not Spring MVC's CORS mapping: MVC adds the
 * headers only to answers that reach a controller, so the 401 of an expired codec session left the
 * browser without {@code Access-Control-Allow-Origin} and the Temporal UI showed a network error
 * instead of the refusal.
 */
@Configuration(proxyBeanMethods = false)
class CodecCors {

  /** Runs before {@code AdminTokenFilter} (order {@code HIGHEST_PRECEDENCE + 20}). */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  @Bean
  FilterRegistrationBean<CorsFilter> codecCorsFilter(CodecProperties properties) {
    CorsConfiguration temporalUi = new CorsConfiguration();
    temporalUi.setAllowedOrigins(properties.corsOrigins());
    temporalUi.addAllowedMethod("POST");
    temporalUi.addAllowedMethod("OPTIONS");
    temporalUi.addAllowedHeader("Authorization");
    temporalUi.addAllowedHeader("Content-Type");
    temporalUi.addAllowedHeader("X-Namespace");
    temporalUi.setAllowCredentials(true);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", temporalUi);

    FilterRegistrationBean<CorsFilter> registration =
        new FilterRegistrationBean<>(new CorsFilter(source));
    registration.addUrlPatterns("/codec/*");
    registration.setName("clinicflowCodecCors");
    registration.setOrder(ORDER);
    return registration;
  }
}
