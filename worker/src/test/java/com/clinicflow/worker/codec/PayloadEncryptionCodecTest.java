package com.clinicflow.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.secrets.SecretCipher;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadEncryptionCodecTest {

  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final String NEW_KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  static final Payload PLAIN =
      Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(ByteString.copyFromUtf8("\"Oi, estou com dor de dente\""))
          .build();

  @Test
  void encodedPayloadsAreOpaqueAndDecodeBack() {
    PayloadEncryptionCodec codec = new PayloadEncryptionCodec(new SecretCipher(KEY, List.of()));

    Payload sealed = codec.encode(List.of(PLAIN)).get(0);

    assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(sealed.getData().toStringUtf8()).doesNotContain("dor de dente");
    assertThat(codec.decode(List.of(sealed))).containsExactly(PLAIN);
  }

  @Test
  void payloadsSealedBeforeAKeyRotationStillDecode() {
    Payload old =
        new PayloadEncryptionCodec(new SecretCipher(KEY, List.of())).encode(List.of(PLAIN)).get(0);
    PayloadEncryptionCodec rotated =
        new PayloadEncryptionCodec(new SecretCipher(NEW_KEY, List.of(KEY)));

    assertThat(rotated.decode(List.of(old))).containsExactly(PLAIN);
    assertThat(rotated.encode(List.of(PLAIN)).get(0).getMetadataOrThrow("encryption-key-id"))
        .isNotEqualTo(old.getMetadataOrThrow("encryption-key-id"));
  }

  @Test
  void plainPayloadsPassThroughAndUnknownKeysFailWithoutQuotingData() {
    PayloadEncryptionCodec codec = new PayloadEncryptionCodec(new SecretCipher(NEW_KEY, List.of()));
    assertThat(codec.decode(List.of(PLAIN))).containsExactly(PLAIN);

    Payload foreign =
        new PayloadEncryptionCodec(new SecretCipher(KEY, List.of())).encode(List.of(PLAIN)).get(0);
    assertThatThrownBy(() -> codec.decode(List.of(foreign)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageNotContaining("dor de dente");
  }

  @WorkflowInterface
  public interface Echo {
    @WorkflowMethod
    String echo(String text);
  }

  public static class EchoImpl implements Echo {
    @Override
    public String echo(String text) {
      return text.toUpperCase();
    }
  }

  @Test
  void historiesHoldNoPatientTextAndReplayWithTheSameConverter() throws Exception {
    DataConverter converter =
        new CodecDataConverter(
            DefaultDataConverter.newDefaultInstance(),
            List.of(new PayloadEncryptionCodec(new SecretCipher(KEY, List.of()))),
            true);
    TestEnvironmentOptions options =
        TestEnvironmentOptions.newBuilder()
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
            .build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      Worker worker = env.newWorker("clinicflow");
      worker.registerWorkflowImplementationTypes(EchoImpl.class);
      env.start();
      Echo echo =
          env.getWorkflowClient()
              .newWorkflowStub(
                  Echo.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue("clinicflow")
                      .setWorkflowId("e1")
                      .build());
      assertThat(echo.echo("dor de dente")).isEqualTo("DOR DE DENTE");

      WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory("e1");
      String json = history.toJson(false);
      String plainBase64 = Base64.getEncoder().encodeToString("\"dor de dente\"".getBytes());
      assertThat(json).doesNotContain("dor de dente").doesNotContain(plainBase64);

      WorkflowReplayer.replayWorkflowExecution(history, worker);
    }
  }
}
