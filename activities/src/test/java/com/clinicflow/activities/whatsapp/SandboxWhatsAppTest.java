package com.clinicflow.activities.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MediaFetcher.Media;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SandboxWhatsAppTest {

  private static final String TENANT = "clinica-moreira";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** The application as it starts with no clinicflow.evolution.base-url (and a key, to be sure). */
  private final ApplicationContextRunner sandboxApp =
      new ApplicationContextRunner()
          .withUserConfiguration(WhatsAppConfiguration.class)
          .withBean(DataSource.class, EmbeddedDatabase::dataSource)
          .withBean(TenantSecrets.class, () -> (tenantId, name) -> Optional.empty())
          .withBean(SimpleMeterRegistry.class, () -> meters)
          .withPropertyValues("clinicflow.evolution.api-key=global-key-0000");

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant(TENANT, EvolutionWire.INSTANCE, null);
  }

  @Test
  void withoutBaseUrlMessagesAreOnlyRecordedOncePerKey() {
    sandboxApp.run(
        context -> {
          WhatsAppActivities whatsApp = context.getBean(WhatsAppActivities.class);
          assertThat(whatsApp).isInstanceOf(SandboxWhatsAppActivities.class);

          SendReceipt first = whatsApp.sendText(message("key-1"));
          SendReceipt second = whatsApp.sendText(message("key-1"));

          assertThat(first).isEqualTo(new SendReceipt(null, false, true));
          assertThat(second).isEqualTo(new SendReceipt(null, true, true));
          assertThat(EvolutionDatabase.outboundRow("key-1"))
              .containsEntry("tenant_id", TENANT)
              .containsEntry("channel", "WHATSAPP")
              .containsEntry("recipient", EvolutionWire.PATIENT)
              .containsEntry("status", "SANDBOX")
              .containsEntry("provider_message_id", null);
          assertThat(EvolutionDatabase.count("SELECT count(*) FROM outbound_message")).isEqualTo(1);
          assertThat(
                  meters
                      .get(SendMetrics.NAME)
                      .tags("channel", "whatsapp", "tenant", TENANT, "outcome", "sandbox")
                      .counter()
                      .count())
              .isEqualTo(1.0);
        });
  }

  @Test
  void aSandboxedMessagesLogLineIsWrittenOnce() {
    sandboxApp.run(
        context -> {
          WhatsAppActivities whatsApp = context.getBean(WhatsAppActivities.class);
          OutboundMessage reply =
              message("key-1")
                  .loggedAs(
                      new com.clinicflow.workflows.tenant.ActivityLogEntry(
                          TENANT, "reply_sent", java.util.Map.of("turn_key", "t1"), "patient:x"));

          whatsApp.sendText(reply);
          whatsApp.sendText(reply);

          assertThat(
                  EvolutionDatabase.count(
                      "SELECT count(*) FROM tenant_activity_log WHERE event_type = 'reply_sent'"))
              .isEqualTo(1);
        });
  }

  @Test
  void sandboxChecksMessagesLikeTheRealSender() {
    SandboxWhatsAppActivities sandbox =
        new SandboxWhatsAppActivities(
            new OutboundLedger(EmbeddedDatabase.jdbc()), SendMetrics.none());

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                sandbox.sendText(
                    new OutboundMessage(
                        "key-1", TENANT, EvolutionWire.INSTANCE, "lid:103899771998284", "Oi")));

    assertThat(failure.getType()).isEqualTo(Errors.BAD_REQUEST.name());
    assertThat(EvolutionDatabase.count("SELECT count(*) FROM outbound_message")).isZero();
  }

  @Test
  void withoutBaseUrlMediaIsAnEmptyPlaceholderWithTheBareMimeType() {
    sandboxApp.run(
        context -> {
          MediaFetcher fetcher = context.getBean(MediaFetcher.class);
          assertThat(fetcher).isInstanceOf(SandboxMediaFetcher.class);

          Media media =
              fetcher.fetch(
                  new MediaRef(
                      TENANT,
                      EvolutionWire.INSTANCE,
                      "3B64E98B3C8E40852793",
                      "audio/ogg; codecs=opus"));

          assertThat(media.bytes()).isEmpty();
          assertThat(media.mimeType()).isEqualTo("audio/ogg");
        });
  }

  private static OutboundMessage message(String key) {
    return new OutboundMessage(
        key, TENANT, EvolutionWire.INSTANCE, EvolutionWire.PATIENT, EvolutionWire.TEXT);
  }
}
