package com.clinicflow.api.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders history events as Temporal's proto3 JSON with every payload decoded for a person.
 *
 * <p>It walks the JSON rather than the proto on purpose: payloads sit in dozens of places (inputs,
 * results, signal and marker details, headers, memo, search attributes, failures' encoded
 * attributes), and a generic walk decodes all of them, including those of event types added by a
 * later Temporal version. A payload is recognised by its shape: an object whose {@code metadata}
 * holds an {@code encoding}.
 */
final class HistoryDecoder {

  private static final JsonFormat.Printer PRINTER = JsonFormat.printer();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final PayloadCodec codec;
  private final ObjectMapper json;

  HistoryDecoder(PayloadCodec codec, ObjectMapper json) {
    this.codec = codec;
    this.json = json;
  }

  List<JsonNode> events(List<HistoryEvent> events) {
    List<JsonNode> decoded = new ArrayList<>(events.size());
    for (HistoryEvent event : events) {
      try {
        decoded.add(decode(json.readTree(PRINTER.print(event))));
      } catch (IOException e) {
        throw new IllegalStateException("a history event could not be rendered as JSON", e);
      }
    }
    return decoded;
  }

  /** Returns the node with its payloads decoded (containers are changed in place). */
  JsonNode decode(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (isPayload(object)) {
        return payload(object);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(decode(field.getValue()));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, decode(array.get(i)));
      }
    }
    return node;
  }

  private static boolean isPayload(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    return metadata != null && metadata.isObject() && metadata.has("encoding");
  }

  private JsonNode payload(ObjectNode encoded) {
    Payload decoded;
    try {
      Payload.Builder payload = Payload.newBuilder();
      PARSER.merge(encoded.toString(), payload);
      decoded = codec.decode(List.of(payload.build())).get(0);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // E.g. encrypted with a key this process does not have: show it as it is, flagged.
      return encoded.deepCopy().put("undecodable", true);
    }
    String encoding = decoded.getMetadataOrDefault("encoding", ByteString.EMPTY).toStringUtf8();
    ByteString data = decoded.getData();
    switch (encoding) {
      case "binary/null":
        return NODES.nullNode();
      case "json/plain":
      case "json/protobuf":
        try {
          return json.readTree(data.toStringUtf8());
        } catch (IOException e) {
          return NODES.textNode(data.toStringUtf8());
        }
      default:
        return NODES
            .objectNode()
            .put("encoding", encoding)
            .put("data", Base64.getEncoder().encodeToString(data.toByteArray()));
    }
  }
}
