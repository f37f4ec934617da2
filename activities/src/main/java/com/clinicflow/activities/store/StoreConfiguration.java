package com.clinicflow.activities.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL store: repositories for the admin API and the webhooks, the tenant cache of the
 * hot path, and the store activity implementations for the worker (tenants, conversations, quotas,
 * pruning). Needs a {@link DataSource}; uses the application's {@link JdbcClient}, transaction
 * manager and {@link MeterRegistry} when there are, else makes its own (the registry is then not
 * exported).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  TenantCacheProperties.class,
  StaffChatProperties.class,
  RetentionProperties.class
})
public class StoreConfiguration {

  private static JdbcClient jdbc(DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient) {
    return jdbcClient.getIfUnique(() -> JdbcClient.create(dataSource));
  }

  private static PlatformTransactionManager transactions(
      DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactionManager) {
    return transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource));
  }

  @Bean
  TenantRepository tenantRepository(DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient) {
    return new TenantRepository(jdbc(dataSource, jdbcClient));
  }

  /** Started and stopped with the application context (SmartLifecycle): the change listener. */
  @Bean
  CachedTenants cachedTenants(
      TenantRepository tenantRepository,
      DataSource dataSource,
      TenantCacheProperties properties,
      ObjectProvider<MeterRegistry> meterRegistry) {
    return new CachedTenants(
        tenantRepository,
        properties.listen() ? dataSource : null,
        properties.ttl(),
        meterRegistry.getIfUnique());
  }

  @Bean
  ActivityLogRepository activityLogRepository(
      DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient) {
    return new ActivityLogRepository(jdbc(dataSource, jdbcClient));
  }

  @Bean
  TenantStoreActivitiesImpl tenantStoreActivities(
      CachedTenants cachedTenants,
      TenantRepository tenantRepository,
      ActivityLogRepository activityLogRepository,
      StaffChatProperties staffChats) {
    return new TenantStoreActivitiesImpl(
        cachedTenants, tenantRepository, activityLogRepository, staffChats.adminChatIdSet());
  }

  @Bean
  ConversationRepository conversationRepository(
      DataSource dataSource,
      ObjectProvider<JdbcClient> jdbcClient,
      ObjectProvider<PlatformTransactionManager> transactionManager) {
    return new ConversationRepository(
        jdbc(dataSource, jdbcClient),
        new TransactionTemplate(transactions(dataSource, transactionManager)));
  }

  @Bean
  ConversationStoreActivitiesImpl conversationStoreActivities(
      ConversationRepository conversationRepository) {
    return new ConversationStoreActivitiesImpl(conversationRepository);
  }

  @Bean
  QuotaRepository quotaRepository(DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient) {
    return new QuotaRepository(jdbc(dataSource, jdbcClient));
  }

  /** The activity of the {@code quota-reset} workflow. */
  @Bean
  QuotaActivitiesImpl quotaActivities(QuotaRepository quotaRepository) {
    return new QuotaActivitiesImpl(quotaRepository);
  }

  /** The activity of the {@code quota-reset} workflow's pruning. */
  @Bean
  LedgerPruning ledgerPruning(
      DataSource dataSource,
      ObjectProvider<JdbcClient> jdbcClient,
      RetentionProperties retention,
      ObjectProvider<MeterRegistry> meterRegistry) {
    return new LedgerPruning(
        jdbc(dataSource, jdbcClient), retention, Clock.systemUTC(), meterRegistry.getIfUnique());
  }

  @Bean
  TenantHealthRepository tenantHealthRepository(
      DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient) {
    return new TenantHealthRepository(jdbc(dataSource, jdbcClient));
  }

  @Bean
  InboundLedgerRepository inboundLedgerRepository(
      DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient) {
    return new InboundLedgerRepository(jdbc(dataSource, jdbcClient));
  }

  @Bean
  PatientErasure patientErasure(
      DataSource dataSource,
      ObjectProvider<JdbcClient> jdbcClient,
      ObjectProvider<PlatformTransactionManager> transactionManager,
      ContactIdentityRepository contactIdentityRepository,
      ActivityLogRepository activityLogRepository) {
    return new PatientErasure(
        jdbc(dataSource, jdbcClient),
        new TransactionTemplate(transactions(dataSource, transactionManager)),
        contactIdentityRepository,
        activityLogRepository);
  }

  @Bean
  ContactIdentityRepository contactIdentityRepository(
      DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient) {
    return new ContactIdentityRepository(jdbc(dataSource, jdbcClient));
  }
}
