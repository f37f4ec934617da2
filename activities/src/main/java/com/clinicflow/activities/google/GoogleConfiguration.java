package com.clinicflow.activities.google;

import com.clinicflow.activities.secrets.TenantSecrets;
import com.google.api.client.http.HttpTransport;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every Google API configuration imports, so Calendar and Tasks authenticate with the same
 * credentials and reach Google through one transport: the {@code clinicflow.google.*} properties,
 * {@code googleHttpTransport} and {@code googleCredentialSource}. Needs a {@link TenantSecrets}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GoogleProperties.class)
public class GoogleConfiguration {

  @Bean
  HttpTransport googleHttpTransport() {
    return GoogleHttp.newTransport();
  }

  @Bean
  public GoogleCredentialSource googleCredentialSource(
      GoogleProperties properties, TenantSecrets secrets, HttpTransport googleHttpTransport) {
    return new GoogleCredentialSource(properties, secrets, GoogleHttp.factory(googleHttpTransport));
  }
}
