package com.clinicflow.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTestApplication;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import jakarta.servlet.http.Cookie;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

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

  /**
   * The Temporal UI can send no bearer token of ours from the browser, only its cookies: an
   * operator signs in once with the admin token and the UI's calls decode.
   */
  @Test
  void aBrowserSignedInWithTheAdminTokenDecodesForTheTemporalUi() throws Exception {
    mvc.perform(get("/codec/login"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/html"))
        .andExpect(content().string(containsString("name=\"token\"")))
        .andExpect(header().string("X-Frame-Options", "DENY"));

    MvcResult signedIn =
        mvc.perform(
                post("/codec/login")
                    .contentType("application/x-www-form-urlencoded")
                    .param("token", "codec-token"))
            .andExpect(status().isOk())
            .andExpect(header().string("Cache-Control", "no-store"))
            .andExpect(content().string(containsString("Signed in until")))
            .andReturn();
    String setCookie = signedIn.getResponse().getHeader("Set-Cookie");
    assertThat(setCookie)
        .startsWith("clinicflow_codec=")
        .contains("Path=/codec", "HttpOnly", "SameSite=Strict")
        .doesNotContain("codec-token");
    Cookie session =
        new Cookie("clinicflow_codec", setCookie.substring(17, setCookie.indexOf(';')));

    // What the Temporal UI sends with TEMPORAL_CODEC_INCLUDE_CREDENTIALS: the cookie, no token.
    mvc.perform(
            post("/codec/default/decode")
                .header("Origin", "http://localhost:8233")
                .header("X-Namespace", "default")
                .cookie(session)
                .contentType("application/json")
                .content(BODY))
        .andExpect(status().isOk())
        .andExpect(header().string("Access-Control-Allow-Origin", "http://localhost:8233"))
        .andExpect(header().string("Access-Control-Allow-Credentials", "true"))
        .andExpect(jsonPath("$.payloads[0].data").value("c2VncmVkbw=="));
    // The cookie is the codec's only: the admin API stays bearer-only.
    mvc.perform(get("/api/tenants").cookie(session)).andExpect(status().isUnauthorized());
    // A forged cookie is no session.
    mvc.perform(
            post("/codec/decode")
                .cookie(new Cookie("clinicflow_codec", "9999999999.forged"))
                .contentType("application/json")
                .content(BODY))
        .andExpect(status().isUnauthorized());

    MvcResult signedOut = mvc.perform(post("/codec/logout")).andExpect(status().isOk()).andReturn();
    assertThat(signedOut.getResponse().getHeader("Set-Cookie")).contains("Max-Age=0");
  }

  @Test
  void aWrongTokenSignsNothingInAndIsNotEchoed() throws Exception {
    MvcResult refused =
        mvc.perform(
                post("/codec/login")
                    .contentType("application/x-www-form-urlencoded")
                    .param("token", "guess-123"))
            .andExpect(status().isUnauthorized())
            .andExpect(content().string(containsString("not the admin token")))
            .andReturn();
    assertThat(refused.getResponse().getHeader("Set-Cookie")).isNull();
    assertThat(refused.getResponse().getContentAsString()).doesNotContain("guess-123");
    mvc.perform(post("/codec/login").contentType("application/x-www-form-urlencoded"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void anExpiredSessionsRefusalReachesTheTemporalUi() throws Exception {
    // Without CORS headers on the 401 the browser hides it, and the UI shows a network error.
    mvc.perform(
            post("/codec/decode")
                .header("Origin", "http://localhost:8233")
                .cookie(new Cookie("clinicflow_codec", "1.expired"))
                .contentType("application/json")
                .content(BODY))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("Access-Control-Allow-Origin", "http://localhost:8233"))
        .andExpect(header().string("Access-Control-Allow-Credentials", "true"));
    // Other origins still get nothing to read.
    mvc.perform(
            post("/codec/decode")
                .header("Origin", "http://evil.example")
                .contentType("application/json")
                .content(BODY))
        .andExpect(status().isForbidden())
        .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
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
