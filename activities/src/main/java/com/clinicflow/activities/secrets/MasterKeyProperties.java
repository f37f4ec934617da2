package com.clinicflow.activities.secrets;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clinicflow.security.*}: the master key that encrypts tenant secrets.
 *
 * @param masterKey base64 of 32 random bytes ({@code openssl rand -base64 32}); unset = tenant
 *     secrets are neither read nor written
 * @param previousMasterKeys keys that were current before a rotation: still used to read values
 *     written under them, never to write
 * @param secretCacheTtl how long a process reuses a tenant secret it read (sealed, decrypted at
 *     each use) before reading it again; a change made in another process applies within it
 */
@ConfigurationProperties(prefix = "clinicflow.security")
public record MasterKeyProperties(
    String masterKey, List<String> previousMasterKeys, Duration secretCacheTtl) {

  public MasterKeyProperties {
    previousMasterKeys = previousMasterKeys == null ? List.of() : List.copyOf(previousMasterKeys);
    secretCacheTtl = secretCacheTtl == null ? JdbcTenantSecrets.DEFAULT_CACHE_TTL : secretCacheTtl;
    if (secretCacheTtl.isNegative()) {
      throw new IllegalArgumentException("clinicflow.security.secret-cache-ttl must be >= 0");
    }
  }

  public boolean configured() {
    return masterKey != null && !masterKey.isBlank();
  }

  /** Never prints a key: a properties record ends up in logs and actuator output. */
  @Override
  public String toString() {
    return "MasterKeyProperties[masterKey="
        + (configured() ? "(set)" : "(unset)")
        + ", previousMasterKeys="
        + previousMasterKeys.size()
        + " key(s), secretCacheTtl="
        + secretCacheTtl
        + "]";
  }
}
