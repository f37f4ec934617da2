package com.clinicflow.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryStaffChats;
import com.clinicflow.workflows.staff.StaffStart;
import com.clinicflow.workflows.staff.StaffUpdate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ApiTest
class TelegramWebhookTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MockMvc mvc;
  @Autowired InMemoryStaffChats chats;
  @Autowired SimpleMeterRegistry meters;
  @MockitoBean StaffAssistantStarter starter;

  @BeforeEach
  void reset() {
    chats.reset();
    chats.chatOf("alpha", 2222222L);
    chats.clinic("beta");
  }

  static ObjectNode fixture() throws Exception {
    try (InputStream in =
        TelegramWebhookTest.class.getResourceAsStream("/fixtures/telegram/update-text.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  ResultActions post(String body, String secret) throws Exception {
    var request =
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                "/webhooks/telegram")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    if (secret != null) {
      request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return mvc.perform(request);
  }

  @Test
  void theClinicsChatIsHandedToItsAssistant() throws Exception {
    post(fixture().toString(), ApiTest.TELEGRAM_SECRET)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.workflow_id").value("staff:alpha:2222222"));

    ArgumentCaptor<StaffUpdate> update = ArgumentCaptor.forClass(StaffUpdate.class);
    verify(starter)
        .signalWithStart(
            eq("staff:alpha:2222222"), eq(StaffStart.fresh("alpha", 2222222L)), update.capture());
    assertThat(update.getValue())
        .isEqualTo(
            new StaffUpdate(
                10000,
                2222222L,
                2222222L,
                "Staff",
                "Quais consultas temos hoje?",
                null,
                Instant.ofEpochSecond(1441645532)));
  }

  /**
   * PostgreSQL's jsonb refuses U+0000: left in, the staff chat's turn could never be saved, and the
   * database's error would quote the text around it.
   */
  @Test
  void aNulCharacterInTheTextIsDroppedBeforeTheAssistantGetsIt() throws Exception {
    ObjectNode update = fixture();
    ((ObjectNode) update.get("message")).put("text", "Quais\u0000 consultas?");
    post(update.toString(), ApiTest.TELEGRAM_SECRET).andExpect(status().isOk());

    ArgumentCaptor<StaffUpdate> captured = ArgumentCaptor.forClass(StaffUpdate.class);
    verify(starter).signalWithStart(any(), any(), captured.capture());
    assertThat(captured.getValue().text()).isEqualTo("Quais consultas?");
  }

  @Test
  void itsPropertiesNeverPrintTheSecret() {
    assertThat(new TelegramWebhookProperties("tg-s3cr3t").toString()).doesNotContain("tg-s3cr3t");
  }

  @Test
  void aWrongOrMissingSecretIs401AndNothingIsTaken() throws Exception {
    post(fixture().toString(), "wrong")
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("unauthorized"));
    post(fixture().toString(), null).andExpect(status().isUnauthorized());
    verify(starter, never()).signalWithStart(any(), any(), any());
    assertThat(chats.isClaimed(10000)).isFalse();
  }

  @Test
  void aChatOfNoClinicIsStill200AndGoesToItsOwnAssistantToBeRefused() throws Exception {
    ObjectNode update = fixture();
    ((ObjectNode) update.at("/message/chat")).put("id", 4242);
    post(update.toString(), ApiTest.TELEGRAM_SECRET)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflow_id").value("staff:_none:4242"));
  }

  @Test
  void aRepeatedUpdateIsADuplicate() throws Exception {
    post(fixture().toString(), ApiTest.TELEGRAM_SECRET).andExpect(status().isOk());
    post(fixture().toString(), ApiTest.TELEGRAM_SECRET)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("duplicate"));
    verify(starter).signalWithStart(any(), any(), any());
  }

  @Test
  void updatesThatAreNotMessagesAreIgnoredWith200() throws Exception {
    String edited =
        "{\"update_id\":10001,\"edited_message\":{\"message_id\":1,\"date\":1441645532,"
            + "\"chat\":{\"id\":2222222,\"type\":\"private\"},\"text\":\"x\"}}";
    post(edited, ApiTest.TELEGRAM_SECRET)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"));
    verify(starter, never()).signalWithStart(any(), any(), any());
  }

  @Test
  void aVoiceNoteAPhotoAndAPdfAreHandedOnByFileIdWithTheirCaptionsAndAWordFileWithNeither()
      throws Exception {
    ObjectNode update = fixture();
    ObjectNode message = (ObjectNode) update.get("message");
    message.remove("text");
    message.put("caption", "para amanhã");
    message.set(
        "voice",
        JSON.readTree(
            """
            {"duration":4,"mime_type":"audio/ogg","file_id":"AwACAgEAAxkBAAIBbWVoice",
             "file_unique_id":"AgADbW","file_size":7328}"""));
    post(update.toString(), ApiTest.TELEGRAM_SECRET).andExpect(status().isOk());
    // A photo comes in several sizes, smallest first: the largest is looked at.
    post(
            withMedia(
                10001,
                "photo",
                """
                [{"file_id":"AgACSmall","file_unique_id":"a","file_size":1500,"width":90,"height":68},
                 {"file_id":"AgACLarge","file_unique_id":"b","file_size":91000,"width":1280,"height":960}]"""),
            ApiTest.TELEGRAM_SECRET)
        .andExpect(status().isOk());
    post(
            withMedia(
                10002,
                "document",
                """
                {"file_name":"guia.pdf","mime_type":"application/pdf","file_id":"BQACPdf",
                 "file_unique_id":"c","file_size":52000}"""),
            ApiTest.TELEGRAM_SECRET)
        .andExpect(status().isOk());
    post(
            withMedia(
                10003,
                "document",
                """
                {"file_name":"escala.docx","mime_type":
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "file_id":"BQACWord","file_unique_id":"d","file_size":12000}"""),
            ApiTest.TELEGRAM_SECRET)
        .andExpect(status().isOk());

    ArgumentCaptor<StaffUpdate> captured = ArgumentCaptor.forClass(StaffUpdate.class);
    verify(starter, times(4)).signalWithStart(eq("staff:alpha:2222222"), any(), captured.capture());
    StaffUpdate voiceNote = captured.getAllValues().get(0);
    assertThat(voiceNote.voice())
        .isEqualTo(new StaffUpdate.Voice("AwACAgEAAxkBAAIBbWVoice", "audio/ogg", 4));
    assertThat(voiceNote.attachment()).isNull();
    assertThat(voiceNote.text()).isEqualTo("para amanhã");
    StaffUpdate photo = captured.getAllValues().get(1);
    assertThat(photo.voice()).isNull();
    assertThat(photo.attachment()).isEqualTo(new StaffUpdate.Attachment("AgACLarge", "image/jpeg"));
    assertThat(photo.text()).isEqualTo("olha isto");
    assertThat(captured.getAllValues().get(2).attachment())
        .isEqualTo(new StaffUpdate.Attachment("BQACPdf", "application/pdf"));
    StaffUpdate word = captured.getAllValues().get(3);
    assertThat(word.attachment()).isNull();
    assertThat(word.hasText()).isFalse();
  }

  /** The fixture's update {@code id} carrying {@code field} (a photo, a document), captioned. */
  private String withMedia(long id, String field, String json) throws Exception {
    ObjectNode update = fixture();
    update.put("update_id", id);
    ObjectNode message = (ObjectNode) update.get("message");
    message.remove("text");
    message.put("caption", "olha isto");
    message.set(field, JSON.readTree(json));
    return update.toString();
  }

  @Test
  void anAdminNamesAClinicWithTheClinicaCommand() throws Exception {
    ObjectNode update = fixture();
    ((ObjectNode) update.get("message")).put("text", "/clinica beta uso do mês?");
    post(update.toString(), ApiTest.TELEGRAM_SECRET)
        .andExpect(jsonPath("$.workflow_id").value("staff:beta:2222222"));
    ArgumentCaptor<StaffUpdate> captured = ArgumentCaptor.forClass(StaffUpdate.class);
    verify(starter).signalWithStart(eq("staff:beta:2222222"), any(), captured.capture());
    assertThat(captured.getValue().requestedTenantId()).isEqualTo("beta");
    assertThat(captured.getValue().text()).isEqualTo("uso do mês?");
  }

  @Test
  void aClinicaCommandNamingNoClinicGoesToTheChatsOwnAssistantAndNamesNoSeries() throws Exception {
    ObjectNode update = fixture();
    ((ObjectNode) update.get("message")).put("text", "/clinica made-up-7 oi");
    ((ObjectNode) update.at("/message/chat")).put("id", 4242);
    post(update.toString(), ApiTest.TELEGRAM_SECRET)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflow_id").value("staff:_none:4242"));

    ArgumentCaptor<StaffUpdate> captured = ArgumentCaptor.forClass(StaffUpdate.class);
    verify(starter).signalWithStart(eq("staff:_none:4242"), any(), captured.capture());
    // The assistant still sees what was asked for, to answer that no such clinic exists.
    assertThat(captured.getValue().requestedTenantId()).isEqualTo("made-up-7");
    assertThat(meters.find("clinicflow.webhooks").tag("tenant", "made-up-7").counters()).isEmpty();
    assertThat(
            meters
                .get("clinicflow.webhooks")
                .tags("channel", "telegram", "tenant", "none", "outcome", "accepted")
                .counter()
                .count())
        .isPositive();
  }

  @Test
  void whenTemporalIsDownTheClaimIsReleasedAndTelegramAskedToRetry() throws Exception {
    doThrow(new IllegalStateException("unavailable"))
        .when(starter)
        .signalWithStart(any(), any(), any());
    post(fixture().toString(), ApiTest.TELEGRAM_SECRET).andExpect(status().isServiceUnavailable());
    assertThat(chats.isClaimed(10000)).isFalse();
  }
}
