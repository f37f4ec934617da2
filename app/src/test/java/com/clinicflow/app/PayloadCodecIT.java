package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With a master key set, a conversation's raw Temporal history holds no patient text in clear, and
 * the codec endpoint the Temporal UI uses decodes it for the admin token only.
 */
class PayloadCodecIT extends RunningClinicFlow {

  @Autowired WorkflowClient temporal;

  @Test
  void rawHistoryIsEncryptedAndTheCodecEndpointDecodesItForOperatorsOnly() throws Exception {
    assertThat(
            admin(
                    "POST",
                    "/api/tenants",
                    JSON.writeValueAsString(clinic("codec", "codec_instance")))
                .statusCode())
        .isEqualTo(201);
    String phone = nextPhone();
    String text = "dor-de-dente-confidencial";
    assertThat(webhook(upsert("codec_instance", phone, "CODEC-" + phone, text)).statusCode())
        .isEqualTo(200);
    awaitTrue("the reply", () -> sends(phone).size() == 1);

    String raw = temporal.fetchHistory("patient:codec:" + phone).toJson(false);
    assertThat(raw)
        .doesNotContain(text)
        .doesNotContain(Base64.getEncoder().encodeToString(text.getBytes()))
        .contains(Base64.getEncoder().encodeToString("binary/encrypted".getBytes()));

    // The signal that carried the message, as the Temporal UI would send it to the codec.
    JsonNode signal = null;
    for (JsonNode event : readTree(raw).get("events")) {
      if (event.has("workflowExecutionSignaledEventAttributes")) {
        signal = event.at("/workflowExecutionSignaledEventAttributes/input");
        break;
      }
    }
    assertThat(signal).isNotNull();
    ObjectNode body = JSON.createObjectNode();
    body.set("payloads", (ArrayNode) signal.get("payloads"));

    var refused = call("POST", "/codec/decode", null, body.toString());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).doesNotContain(text);

    var decoded = call("POST", "/codec/decode", ADMIN, body.toString());
    assertThat(decoded.statusCode()).isEqualTo(200);
    String data = readTree(decoded.body()).at("/payloads/0/data").asText();
    assertThat(new String(Base64.getDecoder().decode(data))).contains(text);
  }
}
