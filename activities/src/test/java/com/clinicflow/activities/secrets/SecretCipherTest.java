package com.clinicflow.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  static final String KEY_1 = key(1);
  static final String KEY_2 = key(2);

  @Test
  void aValueDecryptsBackForTheSameTenantAndName() {
    SecretCipher cipher = new SecretCipher(KEY_1, List.of());

    SecretCipher.Sealed sealed = cipher.encrypt("clinic-a", "gemini_api_key", "AIza-secret-value");

    assertThat(cipher.decrypt("clinic-a", "gemini_api_key", sealed.keyId(), sealed.ciphertext()))
        .isEqualTo("AIza-secret-value");
  }

  @Test
  void theStoredFormIsNonceThenCiphertextAndTagUnderTheNamedKey() throws Exception {
    SecretCipher cipher = new SecretCipher(KEY_1, List.of());

    SecretCipher.Sealed first = cipher.encrypt("clinic-a", "name", "value");
    SecretCipher.Sealed second = cipher.encrypt("clinic-a", "name", "value");

    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(KEY_1));
    assertThat(first.keyId()).isEqualTo(HexFormat.of().formatHex(digest).substring(0, 8));
    assertThat(first.ciphertext()).hasSize(12 + "value".length() + 16);
    assertThat(new String(first.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("value");
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
  }

  @Test
  void aValueCopiedToAnotherTenantOrNameDoesNotDecrypt() {
    SecretCipher cipher = new SecretCipher(KEY_1, List.of());
    SecretCipher.Sealed sealed = cipher.encrypt("clinic-a", "gemini_api_key", "AIza-secret-value");

    assertThatThrownBy(
            () -> cipher.decrypt("clinic-b", "gemini_api_key", sealed.keyId(), sealed.ciphertext()))
        .isInstanceOf(SecretUnreadableException.class)
        .hasMessageNotContaining("AIza");
    assertThatThrownBy(
            () ->
                cipher.decrypt(
                    "clinic-a", "evolution_api_key", sealed.keyId(), sealed.ciphertext()))
        .isInstanceOf(SecretUnreadableException.class);
  }

  @Test
  void aTamperedValueDoesNotDecrypt() {
    SecretCipher cipher = new SecretCipher(KEY_1, List.of());
    SecretCipher.Sealed sealed = cipher.encrypt("clinic-a", "name", "value");
    byte[] tampered = sealed.ciphertext().clone();
    tampered[tampered.length - 1] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt("clinic-a", "name", sealed.keyId(), tampered))
        .isInstanceOf(SecretUnreadableException.class);
  }

  @Test
  void afterRotationOldValuesAreReadWithThePreviousKeyAndNewOnesWrittenWithTheCurrent() {
    SecretCipher before = new SecretCipher(KEY_1, List.of());
    SecretCipher.Sealed old = before.encrypt("clinic-a", "name", "old value");

    SecretCipher after = new SecretCipher(KEY_2, List.of(KEY_1));
    SecretCipher.Sealed fresh = after.encrypt("clinic-a", "name", "new value");

    assertThat(after.decrypt("clinic-a", "name", old.keyId(), old.ciphertext()))
        .isEqualTo("old value");
    assertThat(fresh.keyId()).isEqualTo(after.currentKeyId()).isNotEqualTo(old.keyId());
    assertThat(after.keyIds()).containsExactly(after.currentKeyId(), before.currentKeyId());
  }

  @Test
  void aValueUnderAKeyThatIsNotConfiguredNamesTheKeyId() {
    SecretCipher.Sealed old = new SecretCipher(KEY_1, List.of()).encrypt("clinic-a", "name", "v");

    SecretCipher rotatedWithoutPrevious = new SecretCipher(KEY_2, List.of());

    assertThatThrownBy(
            () -> rotatedWithoutPrevious.decrypt("clinic-a", "name", old.keyId(), old.ciphertext()))
        .isInstanceOf(SecretUnreadableException.class)
        .hasMessageContaining(old.keyId())
        .hasMessageContaining("previous-master-keys");
  }

  @Test
  void anInvalidKeyIsRefusedWithoutQuotingIt() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> new SecretCipher(shortKey, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clinicflow.security.master-key")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> new SecretCipher(KEY_1, List.of("not base64!")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("previous-master-keys[0]")
        .hasMessageNotContaining("not base64");
  }

  @Test
  void propertiesWithoutAMasterKeyGiveNoCipherAndNeverPrintAKey() {
    assertThat(SecretCipher.fromProperties(new MasterKeyProperties(null, null, null))).isNull();
    assertThat(SecretCipher.fromProperties(new MasterKeyProperties("  ", List.of(), null)))
        .isNull();
    assertThat(new MasterKeyProperties(KEY_1, List.of(KEY_2), null).toString())
        .doesNotContain(KEY_1)
        .doesNotContain(KEY_2);
  }

  static String key(int seed) {
    byte[] raw = new byte[32];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (seed * 31 + i);
    }
    return Base64.getEncoder().encodeToString(raw);
  }
}
