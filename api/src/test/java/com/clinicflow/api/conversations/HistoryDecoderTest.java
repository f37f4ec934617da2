package com.clinicflow.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryDecoderTest {

  /** "Encrypts" by reversing the bytes under its own encoding, refusing what it cannot read. */
  static final PayloadCodec REVERSING =
      new PayloadCodec() {
        @Override
        public List<Payload> encode(List<Payload> payloads) {
          return payloads.stream()
              .map(
                  p ->
                      Payload.newBuilder()
                          .putMetadata("encoding", ByteString.copyFromUtf8("binary/reversed"))
                          .setData(reverse(p.toByteString()))
                          .build())
              .toList();
        }

        @Override
        public List<Payload> decode(List<Payload> payloads) {
          return payloads.stream()
              .map(
                  p -> {
                    String encoding = p.getMetadataOrThrow("encoding").toStringUtf8();
                    if (encoding.equals("binary/broken")) {
                      throw new PayloadCodecException("unknown key");
                    }
                    if (!encoding.equals("binary/reversed")) {
                      return p;
                    }
                    try {
                      return Payload.parseFrom(reverse(p.getData()));
                    } catch (Exception e) {
                      throw new PayloadCodecException(e);
                    }
                  })
              .toList();
        }
      };

  static ByteString reverse(ByteString bytes) {
    byte[] b = bytes.toByteArray();
    for (int i = 0, j = b.length - 1; i < j; i++, j--) {
      byte t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    return ByteString.copyFrom(b);
  }

  static Payload plain(String encoding, String data) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8(encoding))
        .setData(ByteString.copyFromUtf8(data))
        .build();
  }

  final HistoryDecoder decoder = new HistoryDecoder(REVERSING, new ObjectMapper());

  @Test
  void encryptedPayloadsAnywhereInAnEventBecomeTheirJsonValues() {
    Payload reply =
        REVERSING.encode(List.of(plain("json/plain", "{\"text\":\"consulta às 9h\"}"))).get(0);
    Payload failureDetails =
        REVERSING.encode(List.of(plain("json/plain", "{\"message\":\"Gemini 500\"}"))).get(0);
    List<HistoryEvent> events =
        List.of(
            HistoryEvent.newBuilder()
                .setEventId(7)
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                .setActivityTaskCompletedEventAttributes(
                    ActivityTaskCompletedEventAttributes.newBuilder()
                        .setResult(Payloads.newBuilder().addPayloads(reply)))
                .build(),
            HistoryEvent.newBuilder()
                .setEventId(8)
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                .setActivityTaskFailedEventAttributes(
                    ActivityTaskFailedEventAttributes.newBuilder()
                        .setFailure(
                            Failure.newBuilder()
                                .setMessage("Encoded failure")
                                .setEncodedAttributes(failureDetails)))
                .build());

    List<JsonNode> decoded = decoder.events(events);

    assertThat(
            decoded
                .get(0)
                .at("/activityTaskCompletedEventAttributes/result/payloads/0/text")
                .asText())
        .isEqualTo("consulta às 9h");
    assertThat(decoded.get(0).get("eventId").asText()).isEqualTo("7");
    assertThat(
            decoded
                .get(1)
                .at("/activityTaskFailedEventAttributes/failure/encodedAttributes/message")
                .asText())
        .isEqualTo("Gemini 500");
    assertThat(decoded.toString()).doesNotContain("binary/reversed");
  }

  @Test
  void aPayloadTheCodecCannotReadIsShownAsItIsAndFlagged() {
    HistoryEvent event =
        HistoryEvent.newBuilder()
            .setEventId(3)
            .setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder()
                    .setResult(
                        Payloads.newBuilder()
                            .addPayloads(plain("binary/broken", "xyz"))
                            .addPayloads(plain("binary/plain", "raw"))))
            .build();

    JsonNode payloads =
        decoder
            .events(List.of(event))
            .get(0)
            .at("/activityTaskCompletedEventAttributes/result/payloads");

    assertThat(payloads.get(0).get("undecodable").asBoolean()).isTrue();
    assertThat(payloads.get(0).get("data").asText()).isEqualTo("eHl6");
    assertThat(payloads.get(1).get("encoding").asText()).isEqualTo("binary/plain");
    assertThat(payloads.get(1).get("data").asText()).isEqualTo("cmF3");
  }
}
