package com.clinicflow.activities.whatsapp;

import static com.clinicflow.activities.whatsapp.EvolutionWire.TENANT;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The implementations as a Temporal worker runs them: registered by instance (the sandbox class is
 * package-private) and failing with the {@code Errors} type a retry policy reads.
 */
class WhatsAppActivitiesUnderTemporalTest {

  @RegisterExtension static WireMockExtension evolution = EvolutionWire.loopbackServer();

  private static final ActivityOptions ONE_ATTEMPT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private TestActivityEnvironment temporal;

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant(TENANT, EvolutionWire.INSTANCE, null);
    temporal = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void tearDown() {
    temporal.close();
  }

  @Test
  void sandboxRunsAsARegisteredActivity() {
    temporal.registerActivitiesImplementations(
        new SandboxWhatsAppActivities(
            new OutboundLedger(EmbeddedDatabase.jdbc()), SendMetrics.none()));
    WhatsAppActivities stub = temporal.newActivityStub(WhatsAppActivities.class, ONE_ATTEMPT);

    SendReceipt receipt = stub.sendText(message());

    assertThat(receipt).isEqualTo(new SendReceipt(null, false, true));
  }

  @Test
  void unknownNumberReachesTheWorkflowAsNonRetryableNotFound() {
    evolution.stubFor(
        post(urlPathEqualTo("/message/sendText/" + EvolutionWire.INSTANCE))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(EvolutionWire.UNKNOWN_NUMBER_400)));
    temporal.registerActivitiesImplementations(
        new EvolutionWhatsAppActivities(
            new EvolutionProperties(
                evolution.baseUrl(), EvolutionWire.GLOBAL_KEY, null, null, null, null, 0),
            WhatsAppConfiguration.newHttpClient(),
            EmbeddedDatabase.jdbc(),
            (tenantId, name) -> Optional.empty(),
            null));
    WhatsAppActivities stub = temporal.newActivityStub(WhatsAppActivities.class, ONE_ATTEMPT);

    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> stub.sendText(message()));

    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Errors.NOT_FOUND.name());
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).doesNotContain(EvolutionWire.PATIENT);
  }

  private static OutboundMessage message() {
    return new OutboundMessage(
        "key-1", TENANT, EvolutionWire.INSTANCE, EvolutionWire.PATIENT, EvolutionWire.TEXT);
  }
}
