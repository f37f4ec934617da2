package com.clinicflow.activities.store;

import com.clinicflow.workflows.tenant.TenantConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tenant lookups of the hot path (every webhook and every turn looks up its clinic by instance name
 * or Telegram chat), served from memory.
 *
 * <p>Freshness: a change is seen within a second or so through {@code LISTEN tenant_config_changed}
 * (see {@link TenantChangeListener}), whoever made it, an admin API call in another process or a
 * plain SQL UPDATE; as a safety net every entry also expires after {@code ttl}, so a missed
 * notification costs at most one TTL. Unknown instances and chats are cached as well (a flood of
 * webhooks for an unknown instance must not become a flood of queries), and every notification
 * drops them, because it may announce the tenant they were looking for.
 *
 * <p>Since V3 the trigger announces only configuration changes, not counted messages. A
 * notification for a cached tenant is still checked against the database (off the hot path, in the
 * listener thread) and the entries stay when only the counters moved, so a database whose trigger
 * predates V3 does not turn every message into a cache miss.
 *
 * <p>Counter {@code clinicflow.tenant.config.db.reads} (tag {@code lookup}: {@code instance},
 * {@code telegram_chat}, {@code tenant_id}, {@code change_check}) counts the reads that really went
 * to the database.
 */
public class CachedTenants implements SmartLifecycle, AutoCloseable {

  static final String READS_METER = "clinicflow.tenant.config.db.reads";

  private static final Logger log = LoggerFactory.getLogger(CachedTenants.class);

  // A flood of distinct unknown instance names must not grow the cache without bound.
  private static final int MAX_ENTRIES = 10_000;

  /** How a tenant is looked up; the tag value of the reads counter. */
  enum Lookup {
    INSTANCE("instance"),
    TELEGRAM_CHAT("telegram_chat"),
    TENANT_ID("tenant_id"),
    CHANGE_CHECK("change_check");

    final String tag;

    Lookup(String tag) {
      this.tag = tag;
    }
  }

  private record Key(Lookup lookup, String value) {}

  /** {@code config} null = known not to exist. */
  private record Entry(TenantConfig config, long expiresAtNanos) {}

  /**
   * How long an entry lives while the change listener is connected. Every change is announced then,
   * and every (re)connection drops all entries, so the short {@code ttl} would only cost a database
   * read per clinic every few seconds (the benchmark measured 0.23 reads per message at 100 msg/s
   * over 100 clinics); the short TTL still applies whenever the listener is down.
   */
  static final Duration LISTENING_TTL = Duration.ofMinutes(10);

  private final TenantRepository repository;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final TenantChangeListener listener;
  private final Map<Lookup, Counter> reads = new EnumMap<>(Lookup.class);
  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

  // Bumped by every eviction and change check: a database read that began before must not store
  // what it read.
  private final AtomicLong evictions = new AtomicLong();

  /**
   * @param repository where misses are read
   * @param dataSource for the change listener's dedicated connection; null = no listener, entries
   *     only expire after {@code ttl}
   * @param ttl how long an entry may be served without news from the database
   * @param meterRegistry where the reads counter is registered; null = not exported
   */
  public CachedTenants(
      TenantRepository repository,
      DataSource dataSource,
      Duration ttl,
      MeterRegistry meterRegistry) {
    this(repository, dataSource, ttl, meterRegistry, System::nanoTime);
  }

  CachedTenants(
      TenantRepository repository,
      DataSource dataSource,
      Duration ttl,
      MeterRegistry meterRegistry,
      LongSupplier nanoClock) {
    this.repository = repository;
    this.ttlNanos = ttl.toNanos();
    this.nanoClock = nanoClock;
    this.listener =
        dataSource == null
            ? null
            : new TenantChangeListener(dataSource, this::tenantsChanged, this::invalidateAll);
    MeterRegistry registry = meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry;
    for (Lookup lookup : Lookup.values()) {
      reads.put(
          lookup,
          Counter.builder(READS_METER)
              .description("Tenant configuration reads that went to the database")
              .tag("lookup", lookup.tag)
              .register(registry));
    }
  }

  public Optional<TenantConfig> findByInstance(String instanceName) {
    return lookup(Lookup.INSTANCE, instanceName, () -> repository.findByInstance(instanceName));
  }

  public Optional<TenantConfig> findByTelegramChat(long chatId) {
    return lookup(
        Lookup.TELEGRAM_CHAT, Long.toString(chatId), () -> repository.findByTelegramChat(chatId));
  }

  public Optional<TenantConfig> findById(String tenantId) {
    return lookup(Lookup.TENANT_ID, tenantId, () -> repository.findById(tenantId));
  }

  /**
   * Forgets a tenant now, and every unknown lookup. The notification does this anyway within a
   * second; the process that made a change calls it so that its own next read is fresh at once.
   */
  public void invalidate(String tenantId) {
    evictions.incrementAndGet();
    entries
        .entrySet()
        .removeIf(
            e ->
                e.getValue().config() == null || tenantId.equals(e.getValue().config().tenantId()));
  }

  /** Forgets everything. */
  public void invalidateAll() {
    evictions.incrementAndGet();
    entries.clear();
  }

  /** True while the change listener has LISTEN in place (for health checks and tests). */
  public boolean isListening() {
    return listener != null && listener.isListening();
  }

  private Optional<TenantConfig> lookup(
      Lookup lookup, String value, Supplier<Optional<TenantConfig>> read) {
    if (value == null) {
      return Optional.empty();
    }
    Key key = new Key(lookup, value);
    long now = nanoClock.getAsLong();
    Entry cached = entries.get(key);
    if (cached != null && cached.expiresAtNanos() - now > 0) {
      return Optional.ofNullable(cached.config());
    }
    long evictionsBefore = evictions.get();
    reads.get(lookup).increment();
    Optional<TenantConfig> loaded = read.get();
    long lifetime = isListening() ? Math.max(ttlNanos, LISTENING_TTL.toNanos()) : ttlNanos;
    store(key, new Entry(loaded.orElse(null), now + lifetime), evictionsBefore);
    return loaded;
  }

  private void store(Key key, Entry entry, long evictionsBefore) {
    if (entries.size() >= MAX_ENTRIES) {
      long now = nanoClock.getAsLong();
      entries.values().removeIf(e -> e.expiresAtNanos() - now <= 0);
      if (entries.size() >= MAX_ENTRIES) {
        return;
      }
    }
    entries.put(key, entry);
    // Put first, then check: an eviction that started after our read either bumped the counter
    // before this check (we take our entry back) or removes the entry itself after its bump.
    if (evictions.get() != evictionsBefore) {
      entries.remove(key, entry);
    }
  }

  /** Called by the listener thread with the tenant ids of a batch of notifications. */
  void tenantsChanged(Set<String> tenantIds) {
    for (String tenantId : tenantIds) {
      if (!onlyCountersMoved(tenantId)) {
        invalidate(tenantId);
      }
    }
  }

  /**
   * Whether the tenant is cached and the database still holds the same configuration apart from its
   * quota counters and {@code updated_at}; if so the cached entries take the fresh row.
   */
  private boolean onlyCountersMoved(String tenantId) {
    TenantConfig cached = cachedConfig(tenantId);
    if (cached == null) {
      // Not cached: nothing to keep, and it may be a new tenant that an unknown lookup waits for.
      return false;
    }
    // Reads that began before this check may hold a configuration older than the one compared
    // below: they must not store it (the ones that stored already are overwritten below).
    evictions.incrementAndGet();
    Optional<TenantConfig> current;
    try {
      reads.get(Lookup.CHANGE_CHECK).increment();
      current = repository.findById(tenantId);
    } catch (RuntimeException e) {
      log.warn("Could not check a tenant change ({}); evicting", e.getClass().getSimpleName());
      return false;
    }
    if (current.isEmpty() || !sameConfiguration(cached, current.get())) {
      return false;
    }
    TenantConfig fresh = current.get();
    entries.replaceAll(
        (key, entry) ->
            entry.config() != null && tenantId.equals(entry.config().tenantId())
                ? new Entry(fresh, entry.expiresAtNanos())
                : entry);
    return true;
  }

  private TenantConfig cachedConfig(String tenantId) {
    for (Entry entry : entries.values()) {
      if (entry.config() != null && tenantId.equals(entry.config().tenantId())) {
        return entry.config();
      }
    }
    return null;
  }

  static boolean sameConfiguration(TenantConfig a, TenantConfig b) {
    return Objects.equals(a.configurationOnly(), b.configurationOnly());
  }

  // --- lifecycle: the listener runs while the application context runs ---

  @Override
  public void start() {
    if (listener != null) {
      listener.start();
    }
  }

  @Override
  public void stop() {
    if (listener != null) {
      listener.stop();
    }
  }

  @Override
  public boolean isRunning() {
    return listener != null && listener.isRunning();
  }

  @Override
  public void close() {
    stop();
  }
}
