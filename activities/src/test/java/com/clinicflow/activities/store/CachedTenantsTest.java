package com.clinicflow.activities.store;

import static com.clinicflow.activities.store.TenantFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class CachedTenantsTest {

  // Long enough that only a notification can explain a change being seen.
  private static final Duration NO_EXPIRY = Duration.ofHours(1);
  private static final long TEN_SECONDS = 10_000;

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private final TenantRepository repository = new TenantRepository(jdbc);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private CachedTenants cache;

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", -100L);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", -200L);
  }

  @AfterEach
  void stopListener() {
    if (cache != null) {
      cache.close();
    }
  }

  @Test
  void aSecondLookupIsServedWithoutReadingTheDatabase() {
    cache = new CachedTenants(repository, null, NO_EXPIRY, meters);

    assertThat(cache.findByInstance("instance-a")).map(TenantConfig::tenantId).hasValue("clinic-a");
    assertThat(cache.findByInstance("instance-a")).map(TenantConfig::tenantId).hasValue("clinic-a");
    assertThat(cache.findByTelegramChat(-200L)).map(TenantConfig::tenantId).hasValue("clinic-b");
    assertThat(cache.findByTelegramChat(-200L)).map(TenantConfig::tenantId).hasValue("clinic-b");
    assertThat(cache.findById("clinic-a")).isPresent();
    assertThat(cache.findById("clinic-a")).isPresent();

    assertThat(reads("instance")).isEqualTo(1);
    assertThat(reads("telegram_chat")).isEqualTo(1);
    assertThat(reads("tenant_id")).isEqualTo(1);
  }

  @Test
  void aFloodOfLookupsForAnUnknownInstanceReadsTheDatabaseOnce() {
    cache = new CachedTenants(repository, null, NO_EXPIRY, meters);

    for (int i = 0; i < 100; i++) {
      assertThat(cache.findByInstance("no-such-instance")).isEmpty();
    }

    assertThat(reads("instance")).isEqualTo(1);
  }

  @Test
  void entriesExpireAfterTheTtl() {
    AtomicLong nanos = new AtomicLong();
    cache = new CachedTenants(repository, null, Duration.ofSeconds(10), meters, nanos::get);
    cache.findByInstance("instance-a");

    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    cache.findByInstance("instance-a");
    assertThat(reads("instance")).isEqualTo(1);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    cache.findByInstance("instance-a");
    assertThat(reads("instance")).isEqualTo(2);
  }

  @Test
  void whileListeningEntriesOutliveTheShortTtlBecauseChangesAreAnnounced() {
    AtomicLong nanos = new AtomicLong();
    cache =
        new CachedTenants(
            repository, EmbeddedDatabase.dataSource(), Duration.ofSeconds(10), meters, nanos::get);
    cache.start();
    assertThat(eventually(TEN_SECONDS, cache::isListening)).isTrue();
    cache.findByInstance("instance-a");

    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    cache.findByInstance("instance-a");
    assertThat(reads("instance")).isEqualTo(1);

    nanos.addAndGet(Duration.ofMinutes(6).toNanos());
    cache.findByInstance("instance-a");
    assertThat(reads("instance")).isEqualTo(2);
  }

  @Test
  void aPlainSqlUpdateIsSeenWithinTenSeconds() {
    cache = listeningCache();
    assertThat(cache.findByInstance("instance-a").orElseThrow().clinicName())
        .isEqualTo("Clinic clinic-a");

    jdbc.sql("UPDATE tenant_config SET clinic_name = 'Renamed' WHERE tenant_id = 'clinic-a'")
        .update();

    assertThat(eventually(TEN_SECONDS, () -> clinicNameByInstance("instance-a").equals("Renamed")))
        .isTrue();
  }

  @Test
  void aNewTenantResolvesALookupThatWasCachedAsUnknown() {
    cache = listeningCache();
    assertThat(cache.findByInstance("instance-new")).isEmpty();
    assertThat(cache.findByInstance("instance-new")).isEmpty();
    assertThat(reads("instance")).isEqualTo(1);

    EmbeddedDatabase.insertTenant("clinic-new", "instance-new", null);

    assertThat(eventually(TEN_SECONDS, () -> cache.findByInstance("instance-new").isPresent()))
        .isTrue();
  }

  @Test
  void countingMessagesDoesNotEvictTheTenant() {
    cache = listeningCache();
    cache.findByTelegramChat(-100L);
    cache.findByInstance("ghost-instance");
    assertThat(reads("telegram_chat")).isEqualTo(1);
    assertThat(reads("instance")).isEqualTo(1);

    for (int i = 0; i < 20; i++) {
      repository.countMessage("clinic-a");
    }
    // Notifications arrive in commit order. Changing another tenant drops the cached unknown
    // lookup, so once that lookup reads again, every counting notification was handled too.
    jdbc.sql("UPDATE tenant_config SET clinic_name = 'B' WHERE tenant_id = 'clinic-b'").update();
    assertThat(
            eventually(
                TEN_SECONDS,
                () -> {
                  cache.findByInstance("ghost-instance");
                  return reads("instance") == 2;
                }))
        .isTrue();

    TenantConfig clinicA = cache.findByTelegramChat(-100L).orElseThrow();
    assertThat(reads("telegram_chat")).isEqualTo(1);
    // Since V3, counting a message is not announced as a configuration change at all.
    assertThat(reads("change_check")).isZero();
    // The cache serves configuration; live counts come from countMessage and the admin API.
    assertThat(clinicA.currentMessageCount()).isZero();
  }

  @Test
  void theListenerReconnectsAfterItsConnectionIsKilled() {
    cache = listeningCache();
    List<Integer> before = listenerBackends();
    assertThat(before).isNotEmpty();

    jdbc.sql(
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = :name
            """)
        .param("name", TenantChangeListener.APPLICATION_NAME)
        .query(Boolean.class)
        .list();

    assertThat(
            eventually(
                TEN_SECONDS,
                () ->
                    cache.isListening()
                        && !listenerBackends().isEmpty()
                        && listenerBackends().stream().noneMatch(before::contains)))
        .isTrue();
    cache.findByInstance("instance-a");
    jdbc.sql("UPDATE tenant_config SET clinic_name = 'After' WHERE tenant_id = 'clinic-a'")
        .update();
    assertThat(eventually(TEN_SECONDS, () -> clinicNameByInstance("instance-a").equals("After")))
        .isTrue();
  }

  @Test
  void stoppingReleasesTheListenerConnection() {
    cache = listeningCache();
    assertThat(cache.isRunning()).isTrue();

    cache.stop();

    assertThat(cache.isRunning()).isFalse();
    assertThat(eventually(TEN_SECONDS, () -> listenerBackends().isEmpty())).isTrue();
  }

  private CachedTenants listeningCache() {
    CachedTenants listening =
        new CachedTenants(repository, EmbeddedDatabase.dataSource(), NO_EXPIRY, meters);
    listening.start();
    assertThat(eventually(TEN_SECONDS, listening::isListening)).isTrue();
    return listening;
  }

  private String clinicNameByInstance(String instance) {
    Optional<TenantConfig> found = cache.findByInstance(instance);
    return found.map(TenantConfig::clinicName).orElse("");
  }

  private List<Integer> listenerBackends() {
    return jdbc.sql("SELECT pid FROM pg_stat_activity WHERE application_name = :name")
        .param("name", TenantChangeListener.APPLICATION_NAME)
        .query(Integer.class)
        .list();
  }

  private double reads(String lookup) {
    return meters.get(CachedTenants.READS_METER).tag("lookup", lookup).counter().count();
  }
}
