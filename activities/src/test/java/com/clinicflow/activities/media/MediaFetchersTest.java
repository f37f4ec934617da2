package com.clinicflow.activities.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.tenant.Channel;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaFetchersTest {

  static final MediaRef PATIENT_NOTE = new MediaRef("alpha", "alpha_instance", "3EB0", "audio/ogg");
  static final MediaRef STAFF_NOTE = MediaRef.telegram("alpha", "AwACAgEAAxkBVoice", "audio/ogg");

  static MediaFetcher only(boolean telegram, String type) {
    return new MediaFetcher() {
      @Override
      public boolean fetches(MediaRef ref) {
        return (ref.channel() == Channel.TELEGRAM) == telegram;
      }

      @Override
      public Media fetch(MediaRef ref) {
        return new Media(new byte[] {1}, type);
      }
    };
  }

  @Test
  void eachVoiceNoteGoesToItsChannelsFetcher() {
    MediaFetcher both =
        new MediaFetchers(List.of(only(false, "from-evolution"), only(true, "from-telegram")));

    assertThat(both.fetch(PATIENT_NOTE).mimeType()).isEqualTo("from-evolution");
    assertThat(both.fetch(STAFF_NOTE).mimeType()).isEqualTo("from-telegram");
  }

  @Test
  void aChannelWithoutAFetcherIsAConfigurationFailure() {
    MediaFetcher whatsAppOnly = new MediaFetchers(List.of(only(false, "from-evolution")));

    assertThat(whatsAppOnly.fetches(STAFF_NOTE)).isFalse();
    assertThatThrownBy(() -> whatsAppOnly.fetch(STAFF_NOTE))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("CONFIGURATION"));
  }

  @Test
  void recordedReferencesWithoutATelegramFileAreWhatsApp() throws Exception {
    // Memory and histories written before staff voice notes carry the four WhatsApp fields only.
    MediaRef recorded =
        new ObjectMapper()
            .readValue(
                """
                {"tenant_id":"alpha","instance_name":"alpha_instance",
                 "provider_message_id":"3EB0","mime_type":"audio/ogg; codecs=opus"}""",
                MediaRef.class);

    assertThat(recorded.channel()).isEqualTo(Channel.WHATSAPP);
    assertThat(recorded.providerMessageId()).isEqualTo("3EB0");
  }
}
