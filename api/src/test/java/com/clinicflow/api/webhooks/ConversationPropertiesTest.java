package com.clinicflow.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.workflows.patient.ConversationSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConversationPropertiesTest {

  @Test
  void unsetValuesTakeTheDefaults() {
    assertThat(new ConversationProperties(null, null, null, null, null, null, null).toSettings())
        .isEqualTo(ConversationSettings.defaults());
  }

  @Test
  void nonsenseFailsAtStartNamingTheProperty() {
    assertThatThrownBy(
            () ->
                new ConversationProperties(
                    Duration.ofSeconds(-1), null, null, null, null, null, null))
        .hasMessageContaining("clinicflow.conversation.debounce");
    assertThatThrownBy(
            () ->
                new ConversationProperties(
                    Duration.ofSeconds(30), Duration.ofSeconds(10), null, null, null, null, null))
        .hasMessageContaining("max-burst-wait");
    assertThatThrownBy(() -> new ConversationProperties(null, null, 0, null, null, null, null))
        .hasMessageContaining("memory-window");
    assertThatThrownBy(
            () -> new ConversationProperties(null, null, null, null, Duration.ZERO, null, null))
        .hasMessageContaining("idle-timeout");
  }
}
