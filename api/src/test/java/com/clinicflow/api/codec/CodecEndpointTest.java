package com.clinicflow.api.codec;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTestApplication;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(
    classes = {ApiTestApplication.class, CodecEndpointTest.UpperCaseCodec.class},
    properties = {
      "clinicflow.admin.token=codec-token",
      "clinicflow.codec.cors-origins=http://localhost:8233"
    })
@AutoConfigureMockMvc
class CodecEndpointTest {

  /** "Encrypts" by upper-casing, so a test can see the codec was applied. */
  @TestConfiguration
  static class UpperCaseCodec {
    @Bean
    PayloadCodec payloadCodec() {
      return new PayloadCodec() {
        @Override
        public List<Payload> encode(List<Payload> payloads) {
          return payloads.stream()
              .map(p -> with(p, p.getData().toStringUtf8().toUpperCase()))
              .toList();
        }

        @Override
        public List<Payload> decode(List<Payload> payloads) {
          return payloads.stream()
              .map(p -> with(p, p.getData().toStringUtf8().toLowerCase()))
              .toList();
        }
      };
    }

    private static Payload with(Payload p, String data) {
      return p.toBuilder().setData(ByteString.copyFromUtf8(data)).build();
    }
  }

  @Autowired MockMvc mvc;

  // "SEGREDO" and "segredo" in base64
  static final String BODY =
      "{\"payloads\":[{\"metadata\":{\"encoding\":\"YmluYXJ5L2VuY3J5cHRlZA==\"},\"data\":\"U0VHUkVETw==\"}]}";

  @Test
  void decodesForAnOperatorWithTheAdminToken() throws Exception {
    mvc.perform(
            post("/codec/decode")
                .header("Authorization", "Bearer codec-token")
                .header("X-Namespace", "default")
                .contentType("application/json")
                .content(BODY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.payloads[0].data").value("c2VncmVkbw=="));
    mvc.perform(
            post("/codec/default/encode")
                .header("Authorization", "Bearer codec-token")
                .contentType("application/json")
                .content(BODY.replace("U0VHUkVETw==", "c2VncmVkbw==")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.payloads[0].data").value("U0VHUkVETw=="));
  }

  @Test
  void refusesWithoutTheTokenAndRejectsMalformedBodies() throws Exception {
    mvc.perform(post("/codec/decode").contentType("application/json").content(BODY))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            post("/codec/decode")
                .header("Authorization", "Bearer codec-token")
                .contentType("application/json")
                .content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("malformed_payloads"));
  }

  @Test
  void answersTheTemporalUisCorsPreflight() throws Exception {
    mvc.perform(
            options("/codec/decode")
                .header("Origin", "http://localhost:8233")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type,X-Namespace"))
        .andExpect(status().isOk())
        .andExpect(header().string("Access-Control-Allow-Origin", "http://localhost:8233"))
        .andExpect(header().string("Access-Control-Allow-Credentials", "true"));
    mvc.perform(
            options("/codec/decode")
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"))
        .andExpect(status().isForbidden());
  }
}
