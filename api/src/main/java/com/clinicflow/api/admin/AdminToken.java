package com.clinicflow.api.admin;

import java.security.MessageDigest;

/**
 * {@code clinicflow.admin.token}, held as its SHA-256: digests have one length whatever is
 * presented, so comparing them takes a time that says nothing about the token, not even its length.
 */
final class AdminToken {

  private final byte[] digest;

  AdminToken(AdminProperties properties) {
    this.digest = properties.tokenConfigured() ? AdminTokenFilter.sha256(properties.token()) : null;
  }

  /** False while the token is unset: the admin API and the codec refuse every call. */
  boolean configured() {
    return digest != null;
  }

  /** Whether {@code presented} is the token (false while none is configured). */
  boolean matches(String presented) {
    return digest != null
        && presented != null
        && MessageDigest.isEqual(digest, AdminTokenFilter.sha256(presented));
  }
}
