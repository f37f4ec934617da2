package com.clinicflow.api.codec;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** CORS for the Temporal UI's origins on the codec endpoint only (see {@link CodecProperties}). */
@Configuration(proxyBeanMethods = false)
class CodecCors implements WebMvcConfigurer {

  private final CodecProperties properties;

  CodecCors(CodecProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (properties.corsOrigins().isEmpty()) {
      return;
    }
    registry
        .addMapping("/codec/**")
        .allowedOrigins(properties.corsOrigins().toArray(String[]::new))
        .allowedMethods("POST", "OPTIONS")
        .allowedHeaders("Authorization", "Content-Type", "X-Namespace")
        .allowCredentials(true);
  }
}
