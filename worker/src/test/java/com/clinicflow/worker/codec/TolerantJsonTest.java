package com.clinicflow.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.secrets.MasterKeyProperties;
import com.clinicflow.workflows.patient.InboundMessage;
import com.clinicflow.workflows.patient.MessageKind;
import com.clinicflow.workflows.tenant.QuotaRequest;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A payload written by a newer release, with a field this release does not know yet. */
class TolerantJsonTest {

  private static final Payload FROM_A_NEWER_RELEASE =
      Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(
              ByteString.copyFromUtf8(
                  "{\"tenant_id\":\"alpha\",\"turn_key\":\"t-1\",\"channel\":\"WHATSAPP\"}"))
          .build();

  @Test
  void temporalsDefaultConverterRejectsAFieldItDoesNotKnow() {
    DataConverter strict = DefaultDataConverter.newDefaultInstance();

    assertThatThrownBy(
            () -> strict.fromPayload(FROM_A_NEWER_RELEASE, QuotaRequest.class, QuotaRequest.class))
        .isInstanceOf(DataConverterException.class);
  }

  @Test
  void theConverterOfWorkerAndClientReadsItAndKeepsTheFieldsItKnows() {
    MasterKeyProperties noKey = new MasterKeyProperties(null, List.of(), Duration.ofSeconds(10));
    PayloadEncryptionConfiguration configuration = new PayloadEncryptionConfiguration();
    DataConverter converter = configuration.dataConverter(configuration.payloadCodec(noKey));

    assertThat(converter.fromPayload(FROM_A_NEWER_RELEASE, QuotaRequest.class, QuotaRequest.class))
        .isEqualTo(new QuotaRequest("alpha", "t-1"));
  }

  /**
   * A patient's message is a signal, and the SDK drops a signal it cannot read: a message kind a
   * later release adds (here a poll) must reach this release's workflow as one it cannot read, to
   * get the polite answer.
   */
  @Test
  void aMessageKindOfALaterReleaseReadsAsUnsupportedInsteadOfLosingTheMessage() {
    Payload poll =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(
                ByteString.copyFromUtf8(
                    """
                    {"provider_message_id":"3EB0POLL","instance_name":"alpha_instance",
                     "reply_to":"5511900000001","from_staff":false,"kind":"POLL",
                     "text":null,"mime_type":null,"media_caption_lang":"pt"}"""))
            .build();
    DataConverter strict = DefaultDataConverter.newDefaultInstance();
    assertThatThrownBy(() -> strict.fromPayload(poll, InboundMessage.class, InboundMessage.class))
        .isInstanceOf(DataConverterException.class);

    MasterKeyProperties noKey = new MasterKeyProperties(null, List.of(), Duration.ofSeconds(10));
    PayloadEncryptionConfiguration configuration = new PayloadEncryptionConfiguration();
    InboundMessage read =
        configuration
            .dataConverter(configuration.payloadCodec(noKey))
            .fromPayload(poll, InboundMessage.class, InboundMessage.class);

    assertThat(read.kind()).isEqualTo(MessageKind.UNSUPPORTED);
    assertThat(read.providerMessageId()).isEqualTo("3EB0POLL");
  }

  @Test
  void soDoesTheEncryptingConverter() {
    MasterKeyProperties withKey =
        new MasterKeyProperties(PayloadEncryptionCodecTest.KEY, List.of(), null);
    PayloadEncryptionConfiguration configuration = new PayloadEncryptionConfiguration();
    PayloadCodec codec = configuration.payloadCodec(withKey);
    Payload sealed = codec.encode(List.of(FROM_A_NEWER_RELEASE)).get(0);

    assertThat(
            configuration
                .dataConverter(codec)
                .fromPayload(sealed, QuotaRequest.class, QuotaRequest.class))
        .isEqualTo(new QuotaRequest("alpha", "t-1"));
  }
}
