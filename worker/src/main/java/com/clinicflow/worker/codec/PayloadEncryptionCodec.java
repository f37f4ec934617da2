package com.clinicflow.worker.codec;

import com.clinicflow.activities.secrets.SecretCipher;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * Encrypts every Temporal payload (workflow inputs, signals, activity arguments and results,
 * failures) with AES-GCM under {@code clinicflow.security.master-key}: patient messages are health
 * data, and a Temporal cluster's database or UI must not show them in clear. The key id travels in
 * the payload's metadata, so payloads written before a key rotation stay readable while the old key
 * is listed in {@code clinicflow.security.previous-master-keys}.
 *
 * <p>Client, worker and replayer must all use the same converter; search attributes are never
 * encoded (they must not carry patient data).
 */
public final class PayloadEncryptionCodec implements PayloadCodec {

  static final String ENCODING = "binary/encrypted";
  static final String KEY_ID = "encryption-key-id";
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final byte[] AAD =
      "clinicflow/temporal-payload/v1".getBytes(StandardCharsets.UTF_8);

  private final SecretCipher cipher;

  public PayloadEncryptionCodec(SecretCipher cipher) {
    this.cipher = cipher;
  }

  public String currentKeyId() {
    return cipher.currentKeyId();
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    SecretCipher.Sealed sealed = cipher.seal(payload.toByteArray(), AAD);
    return Payload.newBuilder()
        .putMetadata("encoding", ENCODING_BYTES)
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(sealed.keyId()))
        .setData(ByteString.copyFrom(sealed.ciphertext()))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!ENCODING_BYTES.equals(payload.getMetadataOrDefault("encoding", ByteString.EMPTY))) {
      return payload; // written before encryption was turned on
    }
    String keyId = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY).toStringUtf8();
    try {
      return Payload.parseFrom(cipher.open(keyId, payload.getData().toByteArray(), AAD));
    } catch (AEADBadTagException | IllegalArgumentException | InvalidProtocolBufferException e) {
      // No chained cause and no payload bytes in the message: they may be patient data.
      throw new PayloadCodecException(
          "payload encrypted with key " + keyId + " cannot be decrypted (" + reason(e) + ")");
    }
  }

  private static String reason(Exception e) {
    return e instanceof AEADBadTagException
        ? "does not authenticate"
        : e instanceof IllegalArgumentException ? e.getMessage() : "not a payload";
  }
}
