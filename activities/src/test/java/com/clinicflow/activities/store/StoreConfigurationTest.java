package com.clinicflow.activities.store;

import static com.clinicflow.activities.store.TenantFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.clinicflow.workflows.tenant.TenantMatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class StoreConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withBean(DataSource.class, EmbeddedDatabase::dataSource)
          .withUserConfiguration(StoreConfiguration.class);

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", -100L);
  }

  @Test
  void everyStoreBeanIsThereWithTheConfiguredAdminChatsAndTtl() {
    context
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(
            "clinicflow.telegram.admin-chat-ids=777,888",
            "clinicflow.telegram.bot-token=belongs-to-the-telegram-adapter",
            "clinicflow.tenant-cache.ttl=3s")
        .run(
            ctx -> {
              assertThat(ctx)
                  .hasNotFailed()
                  .hasSingleBean(TenantRepository.class)
                  .hasSingleBean(CachedTenants.class)
                  .hasSingleBean(TenantStoreActivitiesImpl.class)
                  .hasSingleBean(ActivityLogRepository.class)
                  .hasSingleBean(ConversationRepository.class)
                  .hasSingleBean(ConversationStoreActivitiesImpl.class)
                  .hasSingleBean(InboundLedgerRepository.class)
                  .hasSingleBean(ContactIdentityRepository.class);
              assertThat(ctx.getBean(TenantCacheProperties.class).ttl())
                  .isEqualTo(Duration.ofSeconds(3));

              TenantMatch admin =
                  ctx.getBean(TenantStoreActivitiesImpl.class)
                      .findTenant(TenantLookup.telegram(888L, "clinic-a", "wf"));
              assertThat(admin.systemAdmin()).isTrue();
              assertThat(admin.config().tenantId()).isEqualTo("clinic-a");
              assertThat(
                      ctx.getBean(MeterRegistry.class)
                          .get(CachedTenants.READS_METER)
                          .tag("lookup", "tenant_id")
                          .counter()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void theCacheListensWhileTheContextRunsAndStopsWithIt() {
    AtomicReference<CachedTenants> cache = new AtomicReference<>();

    context.run(
        ctx -> {
          cache.set(ctx.getBean(CachedTenants.class));
          assertThat(eventually(10_000, cache.get()::isListening)).isTrue();
          assertThat(ctx.getBean(TenantCacheProperties.class).ttl())
              .isEqualTo(Duration.ofSeconds(10));
        });

    assertThat(cache.get().isRunning()).isFalse();
  }

  @Test
  void listeningCanBeTurnedOff() {
    context
        .withPropertyValues("clinicflow.tenant-cache.listen=false")
        .run(
            ctx -> {
              CachedTenants cache = ctx.getBean(CachedTenants.class);
              assertThat(cache.isRunning()).isFalse();
              assertThat(cache.findByInstance("instance-a")).isPresent();
            });
  }
}
