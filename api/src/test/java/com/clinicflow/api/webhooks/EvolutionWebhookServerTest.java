package com.clinicflow.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.ApiTestApplication;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The size limit on a real Tomcat: the answer to an oversized body must be our 413 JSON, read by
 * the client, whether the body has a Content-Length or is chunked, and Tomcat's own limits must not
 * answer first.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "clinicflow.evolution.webhook-secret=" + ApiTest.WEBHOOK_SECRET)
class EvolutionWebhookServerTest {

  private static final int TWENTY_MB = 20 * 1024 * 1024;

  @LocalServerPort int port;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired ObjectMapper json;
  @MockitoBean ConversationStarter starter;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void tenant() {
    tenants.reset();
    tenants.put(Tenants.anota());
  }

  private HttpResponse<String> post(BodyPublisher body, boolean expectContinue) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/evolution"))
            .header("Content-Type", "application/json")
            .header("X-Webhook-Secret", ApiTest.WEBHOOK_SECRET)
            .expectContinue(expectContinue)
            .POST(body)
            .build();
    return http.send(request, BodyHandlers.ofString());
  }

  private static byte[] spaces(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    return body;
  }

  private void assertTooLarge(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(413);
    JsonNode error = json.readTree(response.body());
    assertThat(error.path("error").asText()).isEqualTo("payload_too_large");
    assertThat(error.path("message").asText()).isNotBlank();
    verifyNoInteractions(starter);
  }

  @Test
  void twentyMegabytesWithContentLengthIs413() throws Exception {
    assertTooLarge(post(BodyPublishers.ofByteArray(spaces(TWENTY_MB)), false));
  }

  @Test
  void twentyMegabytesChunkedIs413() throws Exception {
    byte[] body = spaces(TWENTY_MB);
    // A stream publisher has no known length: the request goes out chunked.
    assertTooLarge(post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), false));
  }

  @Test
  void twentyMegabytesAfterExpectContinueIs413() throws Exception {
    assertTooLarge(post(BodyPublishers.ofByteArray(spaces(TWENTY_MB)), true));
  }

  @Test
  void bodyJustBelowTheLimitIsReadWhole() throws Exception {
    // A voice note sent with base64: true is big; 10 MiB minus a little must still get through.
    byte[] fixture = EvolutionPayloads.fixture().getBytes(StandardCharsets.UTF_8);
    byte[] body = spaces((int) EvolutionWebhookProperties.DEFAULT_MAX_WEBHOOK_BYTES.toBytes() - 16);
    System.arraycopy(fixture, 0, body, 0, fixture.length);

    HttpResponse<String> response = post(BodyPublishers.ofByteArray(body), false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("accepted");
    verify(starter).signalWithStart(eq("patient:clinica-anota:5511900000001"), any(), any());
  }
}
