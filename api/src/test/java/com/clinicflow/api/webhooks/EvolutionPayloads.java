package com.clinicflow.api.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Evolution webhook bodies built from the real fixture ({@code
 * fixtures/evolution/messages-upsert-text.json}, copied from {@code /shared/fixtures}) with one
 * change each, and HS256 tokens as Evolution signs them.
 */
final class EvolutionPayloads {

  static final String FIXTURE = "/fixtures/evolution/messages-upsert-text.json";
  static final String FIXTURE_MESSAGE_ID = "3B64E98B3C8E40852793";
  static final String FIXTURE_TEXT = "ola, bom dia";

  private static final ObjectMapper JSON = new ObjectMapper();

  private EvolutionPayloads() {}

  static String fixture() {
    try (InputStream in = EvolutionPayloads.class.getResourceAsStream(FIXTURE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture with {@code change} applied to the whole envelope. */
  static String envelope(Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(fixture());
      change.accept(root);
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture with {@code change} applied to {@code data}. */
  static String upsert(Consumer<ObjectNode> change) {
    return envelope(root -> change.accept((ObjectNode) root.get("data")));
  }

  static ObjectNode key(ObjectNode data) {
    return (ObjectNode) data.get("key");
  }

  /** Replaces the message content with {@code content} (a Baileys message object as JSON). */
  static String withMessage(String contentJson) {
    return upsert(
        data -> {
          try {
            data.set("message", JSON.readTree(contentJson));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static String hs256(String key, String headerJson, String claimsJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput
          + "."
          + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token like Evolution's: {@code {iat, exp: iat+600, app, action}}, issued at {@code iat}. */
  static String evolutionJwt(String key, long iat) {
    return hs256(
        key,
        "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
        "{\"iat\":"
            + iat
            + ",\"exp\":"
            + (iat + 600)
            + ",\"app\":\"evolution\",\"action\":\"webhook\"}");
  }
}
