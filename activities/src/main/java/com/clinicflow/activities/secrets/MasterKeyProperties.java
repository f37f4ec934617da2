package com.clinicflow.activities.secrets;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clinicflow.security.*}: the master key that encrypts tenant secrets.
 *
 * @param masterKey base64 of 32 random bytes ({@code openssl rand -base64 32}); unset = tenant
 *     secrets are neither read nor written
 * @param previousMasterKeys keys that were current before a rotation: still used to read values
 *     written under them, never to write
 */
@ConfigurationProperties(prefix = "clinicflow.security")
public record MasterKeyProperties(String masterKey, List<String> previousMasterKeys) {

  public MasterKeyProperties {
    previousMasterKeys = previousMasterKeys == null ? List.of() : List.copyOf(previousMasterKeys);
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
        + " key(s)]";
  }
}
