package com.clinicflow.worker.codec;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.secrets.MasterKeyProperties;
import com.clinicflow.activities.secrets.SecretCipher;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.ChainCodec;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Turns payload encryption on when a master key is configured; without one (the embedded default)
 * payloads stay plain JSON and the start-up block says so.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MasterKeyProperties.class)
public class PayloadEncryptionConfiguration {

  /**
   * The identity when no key is configured, so the codec endpoint always has something to use.
   * Primary: the encrypting {@link CodecDataConverter} below is a {@code PayloadCodec} too.
   */
  @Bean
  @Primary
  PayloadCodec payloadCodec(MasterKeyProperties properties) {
    SecretCipher cipher = SecretCipher.fromProperties(properties);
    if (cipher == null) {
      return new ChainCodec(List.of());
    }
    return new PayloadEncryptionCodec(cipher);
  }

  /**
   * Used by the client, the worker and (in tests) the replayer: {@link TolerantJson}, encrypted
   * when a key is set. {@code true}: failure messages and stack traces are encoded too, since an
   * exception message can quote input.
   */
  @Bean
  DataConverter dataConverter(PayloadCodec codec) {
    if (!(codec instanceof PayloadEncryptionCodec)) {
      return TolerantJson.dataConverter();
    }
    return new CodecDataConverter(TolerantJson.dataConverter(), List.of(codec), true);
  }

  @Bean
  IntegrationStatus payloadEncryptionStatus(PayloadCodec codec) {
    return codec instanceof PayloadEncryptionCodec encrypted
        ? new IntegrationStatus(
            "payloads",
            true,
            "Temporal payloads AES-GCM encrypted, key " + encrypted.currentKeyId())
        : new IntegrationStatus(
            "payloads",
            false,
            "Temporal payloads in clear: set clinicflow.security.master-key to encrypt them");
  }
}
