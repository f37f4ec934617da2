package com.clinicflow.activities.secrets;

import com.clinicflow.activities.IntegrationStatus;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tenant secrets: {@link JdbcTenantSecrets} (bean {@code tenantSecrets}, also the {@link
 * TenantSecrets} the adapters use) and its line in the start-up status block.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MasterKeyProperties.class)
public class SecretsConfiguration {

  @Bean
  JdbcTenantSecrets tenantSecrets(
      DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient, MasterKeyProperties security) {
    return new JdbcTenantSecrets(
        jdbcClient.getIfUnique(() -> JdbcClient.create(dataSource)),
        SecretCipher.fromProperties(security),
        security.secretCacheTtl(),
        System::nanoTime);
  }

  @Bean
  IntegrationStatus tenantSecretsStatus(JdbcTenantSecrets tenantSecrets) {
    return tenantSecrets
        .currentKeyId()
        .map(
            keyId ->
                new IntegrationStatus(
                    "tenant-secrets", true, "AES-256-GCM under master key " + keyId))
        .orElseGet(
            () ->
                new IntegrationStatus(
                    "tenant-secrets",
                    false,
                    "clinicflow.security.master-key unset: per-tenant secrets are ignored"));
  }
}
