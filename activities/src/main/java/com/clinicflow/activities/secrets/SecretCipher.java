package com.clinicflow.activities.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for tenant secrets under the master key.
 *
 * <p>Stored form: {@code key_id} = first 8 hex digits of SHA-256 of the key (names the key without
 * revealing it, so keys can rotate), and {@code ciphertext} = 12-byte random nonce followed by the
 * GCM ciphertext and 16-byte tag. The tenant id and the secret's name are authenticated as
 * additional data: a row copied to another tenant or renamed does not decrypt.
 *
 * <p>Rotation: the current key encrypts; the current and previous keys decrypt, each value with the
 * key its {@code key_id} names.
 */
public final class SecretCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  // Separates this use of the master key from any other (the Temporal payload codec uses it too).
  private static final byte[] AAD_PREFIX =
      "clinicflow/tenant-secret/v1\0".getBytes(StandardCharsets.UTF_8);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What is stored: the id of the key that encrypted, and nonce || ciphertext || tag. */
  public record Sealed(String keyId, byte[] ciphertext) {}

  private final String currentKeyId;
  private final Map<String, SecretKey> keys = new LinkedHashMap<>();

  /**
   * @param masterKeyBase64 the current key, base64 of 32 bytes
   * @param previousKeysBase64 older keys still needed to read values written under them
   * @throws IllegalArgumentException naming the property (never the value) when a key is invalid
   */
  public SecretCipher(String masterKeyBase64, List<String> previousKeysBase64) {
    SecretKey current = decodeKey(masterKeyBase64, "clinicflow.security.master-key");
    currentKeyId = keyId(current.getEncoded());
    keys.put(currentKeyId, current);
    for (int i = 0; i < previousKeysBase64.size(); i++) {
      SecretKey previous =
          decodeKey(
              previousKeysBase64.get(i), "clinicflow.security.previous-master-keys[" + i + "]");
      keys.putIfAbsent(keyId(previous.getEncoded()), previous);
    }
  }

  /** The cipher for these properties, or null when no master key is configured. */
  public static SecretCipher fromProperties(MasterKeyProperties properties) {
    return properties.configured()
        ? new SecretCipher(properties.masterKey(), properties.previousMasterKeys())
        : null;
  }

  /** The id of the key new values are encrypted with. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /** Ids of every key this cipher can decrypt with, the current one first. */
  public List<String> keyIds() {
    return List.copyOf(keys.keySet());
  }

  public Sealed encrypt(String tenantId, String name, String plaintext) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), aad(tenantId, name));
  }

  /**
   * Encrypts bytes under the current key, bound to {@code aad} (which must be given again to open
   * them). The building block of tenant secrets and of Temporal payload encryption.
   */
  public Sealed seal(byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] body = cipher.doFinal(plaintext);
      return new Sealed(
          currentKeyId,
          ByteBuffer.allocate(NONCE_BYTES + body.length).put(nonce).put(body).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Decrypts what {@link #seal} produced.
   *
   * @throws AEADBadTagException when the bytes do not authenticate under that key and {@code aad}
   * @throws IllegalArgumentException when the key id is not configured or the bytes are too short
   */
  public byte[] open(String keyId, byte[] stored, byte[] aad) throws AEADBadTagException {
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new IllegalArgumentException("key " + keyId + " is not configured");
    }
    if (stored == null || stored.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("too short to be a sealed value");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 0, NONCE_BYTES)));
      cipher.updateAAD(aad);
      return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * @throws SecretUnreadableException when the key is not configured or the value does not
   *     authenticate for this tenant and name
   */
  public String decrypt(String tenantId, String name, String keyId, byte[] stored) {
    if (!keys.containsKey(keyId)) {
      throw new SecretUnreadableException(
          "secret "
              + name
              + " of tenant "
              + tenantId
              + " is encrypted with key "
              + keyId
              + ", which is not configured; add that key to"
              + " clinicflow.security.previous-master-keys");
    }
    try {
      return new String(open(keyId, stored, aad(tenantId, name)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SecretUnreadableException(
          "secret " + name + " of tenant " + tenantId + " is too short to be a sealed value");
    } catch (AEADBadTagException e) {
      throw new SecretUnreadableException(
          "secret "
              + name
              + " of tenant "
              + tenantId
              + " does not authenticate under key "
              + keyId
              + " (copied from another tenant or name, or damaged)",
          e);
    }
  }

  /** First 8 hex digits of SHA-256 of the raw key. */
  static String keyId(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  // The tenant id is a slug and PostgreSQL text cannot hold NUL, so NUL separates unambiguously.
  private static byte[] aad(String tenantId, String name) {
    byte[] suffix = (tenantId + "\0" + name).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(AAD_PREFIX.length + suffix.length)
        .put(AAD_PREFIX)
        .put(suffix)
        .array();
  }

  private static SecretKey decodeKey(String base64, String property) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
    } catch (IllegalArgumentException e) {
      // Not chained: the decoder's message can quote the offending character of the key.
      throw new IllegalArgumentException(property + " is not valid base64");
    }
    if (raw.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          property + " must be base64 of " + KEY_BYTES + " bytes (openssl rand -base64 32)");
    }
    return new SecretKeySpec(raw, "AES");
  }
}
