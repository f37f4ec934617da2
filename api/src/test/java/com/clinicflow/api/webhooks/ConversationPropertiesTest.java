package com.clinicflow.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.workflows.patient.ConversationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConversationPropertiesTest {

  @Test
  void unsetValuesTakeTheDefaults() {
    assertThat(
            new ConversationProperties(null, null, null, null, null, null, null, null).toSettings())
        .isEqualTo(ConversationSettings.defaults());
  }

  @Test
  void nonsenseFailsAtStartNamingTheProperty() {
    assertThatThrownBy(
            () ->
                new ConversationProperties(
                    Duration.ofSeconds(-1), null, null, null, null, null, null, null))
        .hasMessageContaining("clinicflow.conversation.debounce");
    assertThatThrownBy(
            () ->
                new ConversationProperties(
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(10),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("max-burst-wait");
    assertThatThrownBy(
            () -> new ConversationProperties(null, null, 0, null, null, null, null, null))
        .hasMessageContaining("memory-window");
    assertThatThrownBy(
            () ->
                new ConversationProperties(null, null, null, null, Duration.ZERO, null, null, null))
        .hasMessageContaining("idle-timeout");
    assertThatThrownBy(
            () ->
                new ConversationProperties(
                    null, null, null, null, null, null, null, List.of("PT0S")))
        .hasMessageContaining("automatic-retries");
  }

  /**
   * As an operator writes them: a comma-separated list, {@code none} to switch them off, and a
   * blank value (an .env file lists every key) keeps the defaults rather than losing them.
   */
  @Test
  void automaticRetriesBindFromAListNoneOrNothing() {
    assertThat(bound("PT10M, PT1H").toSettings().automaticRetries())
        .containsExactly(Duration.ofMinutes(10), Duration.ofHours(1));
    assertThat(bound("none").toSettings().automaticRetries()).isEmpty();
    assertThat(bound("").toSettings().automaticRetries())
        .isEqualTo(ConversationSettings.DEFAULT_AUTOMATIC_RETRIES);
    assertThatThrownBy(() -> bound("5 minutes"))
        .hasRootCauseMessage(
            "clinicflow.conversation.automatic-retries must be durations such as PT5M,PT30M,"
                + " or none");
  }

  private static ConversationProperties bound(String automaticRetries) {
    return new Binder(
            new MapConfigurationPropertySource(
                Map.of("clinicflow.conversation.automatic-retries", automaticRetries)))
        .bindOrCreate("clinicflow.conversation", ConversationProperties.class);
  }

  @Test
  void automaticRetriesAreTheDefaultsUnlessSetAndNoneWhenEmpty() {
    assertThat(
            new ConversationProperties(null, null, null, null, null, null, null, null)
                .toSettings()
                .automaticRetries())
        .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2));
    assertThat(
            new ConversationProperties(null, null, null, null, null, null, null, List.of("PT10M"))
                .toSettings()
                .automaticRetries())
        .containsExactly(Duration.ofMinutes(10));
    assertThat(
            new ConversationProperties(null, null, null, null, null, null, null, List.of("none"))
                .toSettings()
                .automaticRetries())
        .isEmpty();
  }
}
