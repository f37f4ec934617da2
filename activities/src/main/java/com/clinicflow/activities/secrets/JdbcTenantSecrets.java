package com.clinicflow.activities.secrets;

import com.clinicflow.workflows.common.Errors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link TenantSecrets} in {@code tenant_secrets}, encrypted by {@link SecretCipher}; plus the
 * write side for the admin API (which never reads a value back).
 *
 * <p>Reads are on every Gemini call and every send, so the sealed values (never the plaintext) are
 * kept for {@code cacheTtl} and decrypted at each use: no database round trip per call, and no
 * decrypted key living in the heap longer than the call. A write through this object takes effect
 * at once in its process; other processes see it within {@code cacheTtl} ({@code
 * clinicflow.security.secret-cache-ttl}, 10 s).
 *
 * <p>Without a master key, tenants have no secrets of their own: {@link #find} answers empty (the
 * shared configuration applies) and {@link #put} refuses.
 */
public class JdbcTenantSecrets implements TenantSecrets {

  /** Default of {@code clinicflow.security.secret-cache-ttl}. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);

  // A flood of lookups for tenants that do not exist must not grow the cache without bound.
  private static final int MAX_CACHED = 10_000;

  private record Name(String tenantId, String name) {}

  /** {@code value} empty = the tenant has no such secret (cached too: the common case). */
  private record Cached(Optional<SecretCipher.Sealed> value, long expiresAtNanos) {}

  private final JdbcClient jdbc;
  private final SecretCipher cipher;
  private final long cacheTtlNanos;
  private final LongSupplier nanoClock;
  private final Map<Name, Cached> cache = new ConcurrentHashMap<>();

  /**
   * @param cipher null when no master key is configured
   */
  public JdbcTenantSecrets(JdbcClient jdbc, SecretCipher cipher) {
    this(jdbc, cipher, DEFAULT_CACHE_TTL, System::nanoTime);
  }

  /**
   * @param cacheTtl how long a sealed value is reused; zero reads the database every time
   */
  public JdbcTenantSecrets(
      JdbcClient jdbc, SecretCipher cipher, Duration cacheTtl, LongSupplier nanoClock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.cacheTtlNanos = cacheTtl.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Whether a master key is configured, i.e. whether tenant secrets are read and written. */
  public boolean enabled() {
    return cipher != null;
  }

  /** The id of the key new values are encrypted with, when one is configured. */
  public Optional<String> currentKeyId() {
    return cipher == null ? Optional.empty() : Optional.of(cipher.currentKeyId());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stored value that cannot be decrypted (its key is not configured, or the row was copied)
   * is a configuration error an operator must fix, not something a retry can: it fails with a
   * non-retryable {@code CONFIGURATION} failure rather than silently falling back to the shared
   * key.
   */
  @Override
  public Optional<String> find(String tenantId, String name) {
    if (cipher == null) {
      return Optional.empty();
    }
    return sealed(tenantId, name).map(stored -> decrypt(tenantId, name, stored));
  }

  private Optional<SecretCipher.Sealed> sealed(String tenantId, String name) {
    Name key = new Name(tenantId, name);
    long now = nanoClock.getAsLong();
    Cached cached = cache.get(key);
    if (cached != null && now - cached.expiresAtNanos() < 0) {
      return cached.value();
    }
    Optional<SecretCipher.Sealed> stored =
        jdbc.sql(
                """
                SELECT key_id, ciphertext FROM tenant_secrets
                 WHERE tenant_id = :tenant_id AND name = :name
                """)
            .param("tenant_id", tenantId)
            .param("name", name)
            .query(
                (rs, n) ->
                    new SecretCipher.Sealed(rs.getString("key_id"), rs.getBytes("ciphertext")))
            .optional();
    if (cacheTtlNanos > 0) {
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(key, new Cached(stored, now + cacheTtlNanos));
    }
    return stored;
  }

  private String decrypt(String tenantId, String name, SecretCipher.Sealed stored) {
    try {
      return cipher.decrypt(tenantId, name, stored.keyId(), stored.ciphertext());
    } catch (SecretUnreadableException e) {
      throw Errors.CONFIGURATION.failure(e.getMessage());
    }
  }

  /**
   * Stores (or replaces) the tenant's value for {@code name}, encrypted under the current key.
   *
   * @return false when the tenant does not exist
   * @throws IllegalStateException when no master key is configured
   */
  public boolean put(String tenantId, String name, String value) {
    if (cipher == null) {
      throw new IllegalStateException(
          "no master key configured: set clinicflow.security.master-key to store tenant secrets");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a secret needs a name");
    }
    if (value == null) {
      throw new IllegalArgumentException("a secret needs a value; use delete to remove one");
    }
    SecretCipher.Sealed encrypted = cipher.encrypt(tenantId, name, value);
    int written =
        jdbc.sql(
                """
                INSERT INTO tenant_secrets (tenant_id, name, key_id, ciphertext)
                SELECT tenant_id, :name, :key_id, :ciphertext
                  FROM tenant_config WHERE tenant_id = :tenant_id
                ON CONFLICT (tenant_id, name) DO UPDATE
                  SET key_id = EXCLUDED.key_id, ciphertext = EXCLUDED.ciphertext
                """)
            .param("tenant_id", tenantId)
            .param("name", name)
            .param("key_id", encrypted.keyId())
            .param("ciphertext", encrypted.ciphertext())
            .update();
    cache.remove(new Name(tenantId, name));
    return written > 0;
  }

  /** Removes the tenant's value; false when it had none. */
  public boolean delete(String tenantId, String name) {
    int deleted =
        jdbc.sql("DELETE FROM tenant_secrets WHERE tenant_id = :tenant_id AND name = :name")
            .param("tenant_id", tenantId)
            .param("name", name)
            .update();
    cache.remove(new Name(tenantId, name));
    return deleted > 0;
  }

  /** Names of the secrets the tenant has (never their values), sorted. */
  public List<String> names(String tenantId) {
    return jdbc.sql("SELECT name FROM tenant_secrets WHERE tenant_id = :tenant_id ORDER BY name")
        .param("tenant_id", tenantId)
        .query(String.class)
        .list();
  }

  /**
   * Re-encrypts the tenant's values that are still under a previous key with the current one, so
   * that the previous key can later be dropped from configuration.
   *
   * @return how many values were re-encrypted
   */
  public int reencrypt(String tenantId) {
    if (cipher == null) {
      throw new IllegalStateException(
          "no master key configured: set clinicflow.security.master-key to store tenant secrets");
    }
    List<String> stale =
        jdbc.sql(
                """
                SELECT name FROM tenant_secrets
                 WHERE tenant_id = :tenant_id AND key_id <> :current_key_id
                """)
            .param("tenant_id", tenantId)
            .param("current_key_id", cipher.currentKeyId())
            .query(String.class)
            .list();
    int done = 0;
    for (String name : stale) {
      Optional<String> value = find(tenantId, name);
      if (value.isPresent() && put(tenantId, name, value.get())) {
        done++;
      }
    }
    return done;
  }
}
