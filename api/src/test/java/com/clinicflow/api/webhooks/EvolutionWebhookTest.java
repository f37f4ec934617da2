package com.clinicflow.api.webhooks;

import static com.clinicflow.api.webhooks.EvolutionPayloads.FIXTURE_MESSAGE_ID;
import static com.clinicflow.api.webhooks.EvolutionPayloads.FIXTURE_TEXT;
import static com.clinicflow.api.webhooks.EvolutionPayloads.envelope;
import static com.clinicflow.api.webhooks.EvolutionPayloads.evolutionJwt;
import static com.clinicflow.api.webhooks.EvolutionPayloads.fixture;
import static com.clinicflow.api.webhooks.EvolutionPayloads.hs256;
import static com.clinicflow.api.webhooks.EvolutionPayloads.key;
import static com.clinicflow.api.webhooks.EvolutionPayloads.upsert;
import static com.clinicflow.api.webhooks.EvolutionPayloads.withMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.conversations.StoredConversation;
import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryContactDirectory;
import com.clinicflow.api.testapp.InMemoryContactDirectory.Learned;
import com.clinicflow.api.testapp.InMemoryConversationRecords;
import com.clinicflow.api.testapp.InMemoryInboundLedger;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.RecordingConnectionEvents;
import com.clinicflow.api.testapp.RecordingConnectionEvents.Change;
import com.clinicflow.api.testapp.Tenants;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.InboundMessage;
import com.clinicflow.workflows.patient.MessageKind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class EvolutionWebhookTest {

  private static final String PHONE = "5511900000001";
  private static final String WORKFLOW = "patient:clinica-anota:" + PHONE;
  private static final String LID = "103899771998284";

  @Autowired MockMvc mvc;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired InMemoryInboundLedger ledger;
  @Autowired InMemoryContactDirectory contacts;
  @Autowired InMemoryConversationRecords records;
  @Autowired RecordingConnectionEvents connectionEvents;
  @Autowired SimpleMeterRegistry meters;
  @MockitoBean ConversationStarter starter;

  @BeforeEach
  void reset() {
    tenants.reset();
    ledger.reset();
    contacts.reset();
    records.reset();
    connectionEvents.reset();
    meters.clear();
    tenants.put(Tenants.anota());
  }

  private ResultActions deliver(String body) throws Exception {
    return mvc.perform(withSecret(post("/webhooks/evolution"), body));
  }

  private static MockHttpServletRequestBuilder withSecret(
      MockHttpServletRequestBuilder request, String body) {
    return request
        .header("X-Webhook-Secret", ApiTest.WEBHOOK_SECRET)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  /** The one message signalled, with the workflow id and start it was signalled with. */
  private record Signalled(String workflowId, ConversationStart start, InboundMessage message) {}

  private Signalled signalledOnce() {
    ArgumentCaptor<String> id = ArgumentCaptor.forClass(String.class);
    ArgumentCaptor<ConversationStart> start = ArgumentCaptor.forClass(ConversationStart.class);
    ArgumentCaptor<InboundMessage> message = ArgumentCaptor.forClass(InboundMessage.class);
    verify(starter, times(1)).signalWithStart(id.capture(), start.capture(), message.capture());
    return new Signalled(id.getValue(), start.getValue(), message.getValue());
  }

  private double count(String tenant, String outcome) {
    var counter =
        meters
            .find("clinicflow.webhooks")
            .tags("channel", "whatsapp", "tenant", tenant, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  // --- the fixture, end to end ---------------------------------------------------------------

  @Test
  void textMessageIsAcceptedAndSignalledToThePatientsConversation() throws Exception {
    deliver(fixture())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW));

    Signalled s = signalledOnce();
    assertThat(s.workflowId()).isEqualTo(WORKFLOW);
    InboundMessage m = s.message();
    assertThat(m.providerMessageId()).isEqualTo(FIXTURE_MESSAGE_ID);
    assertThat(m.instanceName()).isEqualTo("anota");
    assertThat(m.kind()).isEqualTo(MessageKind.TEXT);
    assertThat(m.text()).isEqualTo(FIXTURE_TEXT);
    assertThat(m.replyTo()).isEqualTo(PHONE);
    assertThat(m.lid()).isNull();
    assertThat(m.fromStaff()).isFalse();
    assertThat(m.displayName()).isEqualTo("Paciente Exemplo");
    assertThat(m.mimeType()).isNull();
    assertThat(m.sentAt()).isEqualTo(Instant.ofEpochSecond(1763039928));
    ConversationStart start = s.start();
    assertThat(start.tenantId()).isEqualTo("clinica-anota");
    assertThat(start.contact()).isEqualTo(PHONE);
    assertThat(start.instanceName()).isEqualTo("anota");
    assertThat(start.pending()).isEmpty();
    assertThat(ledger.claimedFor("clinica-anota", "WHATSAPP", FIXTURE_MESSAGE_ID))
        .isEqualTo(WORKFLOW);
  }

  @Test
  void conversationsStartWithTheConfiguredSettings() throws Exception {
    deliver(fixture()).andExpect(status().isOk());
    ConversationSettings settings = signalledOnce().start().settings();
    ConversationSettings defaults = ConversationSettings.defaults();
    assertThat(settings.debounce()).isEqualTo(Duration.ofSeconds(5)); // configured
    assertThat(settings.memoryWindow()).isEqualTo(30); // configured
    assertThat(settings.handoffPause()).isEqualTo(defaults.handoffPause());
    assertThat(settings.maxBurstWait()).isEqualTo(defaults.maxBurstWait());
    assertThat(settings.idleTimeout()).isEqualTo(defaults.idleTimeout());
    assertThat(settings.turnsPerRun()).isEqualTo(defaults.turnsPerRun());
    assertThat(settings.maxToolRounds()).isEqualTo(defaults.maxToolRounds());
  }

  @Test
  void byEventsUrlWorksLikeTheGlobalOne() throws Exception {
    mvc.perform(withSecret(post("/webhooks/evolution/messages-upsert"), fixture()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW));
    signalledOnce();
  }

  @Test
  void byEventsUrlNamesTheEventWhenTheBodyDoesNot() throws Exception {
    mvc.perform(
            withSecret(
                post("/webhooks/evolution/messages-upsert"),
                envelope(root -> root.remove("event"))))
        .andExpect(jsonPath("$.status").value("accepted"));
    signalledOnce();
  }

  @Test
  void theBodysEventWinsOverTheUrls() throws Exception {
    mvc.perform(withSecret(post("/webhooks/evolution/send-message"), fixture()))
        .andExpect(jsonPath("$.status").value("accepted"));
    signalledOnce();
  }

  @Test
  void messageTextIsNeverLogged(CapturedOutput output) throws Exception {
    deliver(fixture()).andExpect(status().isOk());
    doThrow(new StatusRuntimeException(Status.UNAVAILABLE))
        .when(starter)
        .signalWithStart(any(), any(), any());
    deliver(upsert(data -> key(data).put("id", "OTHER")))
        .andExpect(status().isServiceUnavailable());
    assertThat(output).doesNotContain(FIXTURE_TEXT).doesNotContain(PHONE);
  }

  // --- duplicates and failures ---------------------------------------------------------------

  @Test
  void duplicateDeliveryIsAnsweredDuplicateAndSignalledOnce() throws Exception {
    deliver(fixture()).andExpect(jsonPath("$.status").value("accepted"));
    deliver(fixture())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("duplicate"))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW));
    signalledOnce();
    assertThat(count("clinica-anota", "duplicate")).isEqualTo(1);
  }

  @Test
  void aClaimWhoseSignalNeverHappenedIsSignalledByTheRedelivery() throws Exception {
    // An API process died between claiming the id and signalling the workflow.
    ledger.claimWithoutSignal("clinica-anota", FIXTURE_MESSAGE_ID, WORKFLOW);

    deliver(fixture())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("duplicate"));

    signalledOnce();
    assertThat(ledger.isSignalled("clinica-anota", "WHATSAPP", FIXTURE_MESSAGE_ID)).isTrue();
    deliver(fixture()).andExpect(jsonPath("$.status").value("duplicate"));
    signalledOnce();
  }

  @Test
  void signalFailureIs503AndGivesTheClaimBack() throws Exception {
    doThrow(new StatusRuntimeException(Status.UNAVAILABLE))
        .when(starter)
        .signalWithStart(any(), any(), any());
    deliver(fixture())
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("temporarily_unavailable"));
    assertThat(ledger.released())
        .containsExactly(
            InMemoryInboundLedger.key("clinica-anota", "WHATSAPP", FIXTURE_MESSAGE_ID));

    // Evolution's retry, once Temporal is back, is taken in rather than called a duplicate.
    org.mockito.Mockito.reset(starter);
    deliver(fixture()).andExpect(jsonPath("$.status").value("accepted"));
    signalledOnce();
    assertThat(count("clinica-anota", "unavailable")).isEqualTo(1);
  }

  @Test
  void ledgerFailureIs503WithoutSignal() throws Exception {
    ledger.failWith(new IllegalStateException("connection refused"));
    deliver(fixture())
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("temporarily_unavailable"));
    verifyNoInteractions(starter);
  }

  @Test
  void tenantDirectoryFailureIs503() throws Exception {
    tenants.failWith(new IllegalStateException("pool exhausted"));
    deliver(fixture()).andExpect(status().isServiceUnavailable());
    verifyNoInteractions(starter);
  }

  @Test
  void unknownInstanceIs404AndNothingIsSignalled() throws Exception {
    deliver(envelope(root -> root.put("instance", "someone_else")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_instance"));
    verifyNoInteractions(starter);
    assertThat(ledger.claimedFor("clinica-anota", "WHATSAPP", FIXTURE_MESSAGE_ID)).isNull();
    assertThat(count("none", "unknown_instance")).isEqualTo(1);
  }

  // --- authentication ------------------------------------------------------------------------

  @Test
  void missingCredentialsAre401() throws Exception {
    mvc.perform(
            post("/webhooks/evolution").contentType(MediaType.APPLICATION_JSON).content(fixture()))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("unauthorized"));
    verifyNoInteractions(starter);
    assertThat(count("none", "unauthorized")).isEqualTo(1);
  }

  @Test
  void wrongSecretIs401() throws Exception {
    mvc.perform(
            post("/webhooks/evolution")
                .header("X-Webhook-Secret", ApiTest.WEBHOOK_SECRET + "-nope")
                .contentType(MediaType.APPLICATION_JSON)
                .content(fixture()))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(starter);
  }

  private ResultActions deliverWithBearer(String token) throws Exception {
    return mvc.perform(
        post("/webhooks/evolution")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(fixture()));
  }

  @Test
  void evolutionJwtIsAccepted() throws Exception {
    long now = Instant.now().getEpochSecond();
    deliverWithBearer(evolutionJwt(ApiTest.WEBHOOK_JWT_KEY, now))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("accepted"));
    signalledOnce();
  }

  @Test
  void jwtJustPastExpiryIsAcceptedWithinTheClockSkew() throws Exception {
    long iat = Instant.now().getEpochSecond() - 600 - 30; // expired 30 s ago
    deliverWithBearer(evolutionJwt(ApiTest.WEBHOOK_JWT_KEY, iat)).andExpect(status().isOk());
  }

  @Test
  void expiredJwtIs401() throws Exception {
    long iat = Instant.now().getEpochSecond() - 600 - 120; // expired 2 min ago
    deliverWithBearer(evolutionJwt(ApiTest.WEBHOOK_JWT_KEY, iat))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(starter);
  }

  @Test
  void jwtSignedWithAnotherKeyIs401() throws Exception {
    deliverWithBearer(evolutionJwt("another-key", Instant.now().getEpochSecond()))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void jwtWithoutExpiryOrWithAnotherAlgorithmIs401() throws Exception {
    long now = Instant.now().getEpochSecond();
    String noExp = hs256(ApiTest.WEBHOOK_JWT_KEY, "{\"alg\":\"HS256\"}", "{\"iat\":" + now + "}");
    deliverWithBearer(noExp).andExpect(status().isUnauthorized());
    String hs512Header =
        hs256(
            ApiTest.WEBHOOK_JWT_KEY,
            "{\"alg\":\"HS512\"}",
            "{\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
    deliverWithBearer(hs512Header).andExpect(status().isUnauthorized());
    String unsigned =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes())
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"exp\":" + (now + 600) + "}").getBytes())
            + ".";
    deliverWithBearer(unsigned).andExpect(status().isUnauthorized());
    deliverWithBearer("not-a-jwt").andExpect(status().isUnauthorized());
    verifyNoInteractions(starter);
  }

  @Test
  void adminTokenIsNotAWebhookCredential() throws Exception {
    deliverWithBearer(ApiTest.ADMIN_TOKEN).andExpect(status().isUnauthorized());
  }

  // --- malformed and oversized ---------------------------------------------------------------

  @Test
  void malformedJsonIs400() throws Exception {
    deliver("{\"event\": \"messages.upsert\", \"instance\": ")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("malformed_json"));
    deliver("").andExpect(status().isBadRequest());
    deliver("[1, 2]").andExpect(status().isBadRequest());
    verifyNoInteractions(starter);
    assertThat(count("none", "malformed")).isEqualTo(3);
  }

  @Test
  void envelopeWithoutInstanceOrDataIs400() throws Exception {
    deliver(envelope(root -> root.remove("instance")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("instance")));
    deliver(envelope(root -> root.remove("data")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("data")));
    deliver(upsert(data -> key(data).remove("id"))).andExpect(status().isBadRequest());
    verifyNoInteractions(starter);
  }

  @Test
  void bodyAboveTheLimitIs413() throws Exception {
    byte[] twentyMegabytes = new byte[20 * 1024 * 1024];
    java.util.Arrays.fill(twentyMegabytes, (byte) ' ');
    mvc.perform(
            post("/webhooks/evolution")
                .header("X-Webhook-Secret", ApiTest.WEBHOOK_SECRET)
                .contentType(MediaType.APPLICATION_JSON)
                .content(twentyMegabytes))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.error").value("payload_too_large"));
    verifyNoInteractions(starter);
    assertThat(count("none", "too_large")).isEqualTo(1);
  }

  // --- what is not for a conversation --------------------------------------------------------

  @Test
  void groupMessagesAreIgnored() throws Exception {
    deliver(
            upsert(
                data -> {
                  key(data).put("remoteJid", "120363025246125888@g.us");
                  key(data).put("participant", PHONE + "@s.whatsapp.net");
                }))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"))
        .andExpect(content().json("{\"status\":\"ignored\",\"workflow_id\":null}", true));
    verifyNoInteractions(starter);
    assertThat(ledger.claimedFor("clinica-anota", "WHATSAPP", FIXTURE_MESSAGE_ID)).isNull();
    assertThat(count("clinica-anota", "ignored")).isEqualTo(1);
  }

  @Test
  void statusBroadcastsAreIgnored() throws Exception {
    deliver(upsert(data -> key(data).put("remoteJid", "status@broadcast")))
        .andExpect(jsonPath("$.status").value("ignored"));
    verifyNoInteractions(starter);
  }

  @Test
  void echoesOfOurOwnSendsAndOtherEventsAreIgnored() throws Exception {
    deliver(envelope(root -> root.put("event", "send.message")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"));
    deliver(envelope(root -> root.put("event", "messages.update")))
        .andExpect(jsonPath("$.status").value("ignored"));
    verifyNoInteractions(starter);
  }

  @Test
  void connectionUpdateIsAcceptedAndReported() throws Exception {
    deliver(
            """
            {"event": "connection.update", "instance": "anota",
             "data": {"instance": "anota", "state": "close", "statusReason": 401}}
            """)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("accepted"));
    assertThat(connectionEvents.changes())
        .containsExactly(new Change("clinica-anota", "anota", "close", 401));
    verifyNoInteractions(starter);
  }

  // --- who the patient is --------------------------------------------------------------------

  @Test
  void messageFromTheClinicsPhoneGoesToThePatientsConversationAsStaff() throws Exception {
    deliver(upsert(data -> key(data).put("fromMe", true)))
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW));
    Signalled s = signalledOnce();
    assertThat(s.message().fromStaff()).isTrue();
    assertThat(s.start().contact()).isEqualTo(PHONE);
  }

  @Test
  void lidWithAlternativePhoneIsKeyedOnThePhoneAndLearned() throws Exception {
    deliver(
            upsert(
                data -> {
                  key(data).put("remoteJid", LID + "@lid");
                  key(data).put("remoteJidAlt", PHONE + "@s.whatsapp.net");
                  key(data).put("addressingMode", "lid");
                }))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW));
    Signalled s = signalledOnce();
    assertThat(s.start().contact()).isEqualTo(PHONE);
    assertThat(s.message().replyTo()).isEqualTo(PHONE);
    assertThat(s.message().lid()).isEqualTo(LID);
    assertThat(contacts.learned()).containsExactly(new Learned("clinica-anota", LID, PHONE));
  }

  /**
   * A colleague took over the LID-only conversation on the clinic's phone (or staff paused the
   * bot); the patient's next message carries their phone too and goes to the phone's conversation,
   * which must not answer in the middle of it.
   */
  @Test
  void aPauseOfTheLidOnlyConversationGoesWithThePatientToThePhonesOnce() throws Exception {
    Instant until = Instant.now().plus(Duration.ofMinutes(90));
    records.put(pausedLidConversation(until));
    Consumer<ObjectNode> lidAndPhone =
        data -> {
          key(data).put("remoteJid", LID + "@lid");
          key(data).put("remoteJidAlt", PHONE + "@s.whatsapp.net");
        };

    deliver(upsert(lidAndPhone)).andExpect(jsonPath("$.workflow_id").value(WORKFLOW));

    InOrder order = inOrder(starter);
    ArgumentCaptor<BotPause> pause = ArgumentCaptor.forClass(BotPause.class);
    order.verify(starter).pause(eq(WORKFLOW), any(), pause.capture());
    order.verify(starter).signalWithStart(eq(WORKFLOW), any(), any());
    assertThat(pause.getValue().duration())
        .isBetween(Duration.ofMinutes(89), Duration.ofMinutes(90));
    assertThat(pause.getValue().requestedBy()).isEqualTo("carried from lid:" + LID);
    StoredConversation phoneRow = records.find("clinica-anota", PHONE).orElseThrow();
    assertThat(phoneRow.status()).isEqualTo(ConversationStatus.PAUSED);
    assertThat(phoneRow.pausedUntil()).isEqualTo(until);

    // The pair is known now: later messages carry nothing more.
    deliver(
        upsert(
            data -> {
              lidAndPhone.accept(data);
              key(data).put("id", "3EB0SECOND");
            }));
    verify(starter, times(1)).pause(any(), any(), any());
    verify(starter, times(2)).signalWithStart(eq(WORKFLOW), any(), any());
  }

  @Test
  void aPauseThatHasEndedIsNotCarried() throws Exception {
    records.put(pausedLidConversation(Instant.now().minus(Duration.ofMinutes(1))));

    deliver(
        upsert(
            data -> {
              key(data).put("remoteJid", LID + "@lid");
              key(data).put("remoteJidAlt", PHONE + "@s.whatsapp.net");
            }));

    verify(starter, never()).pause(any(), any(), any());
    signalledOnce();
  }

  private static StoredConversation pausedLidConversation(Instant pausedUntil) {
    return new StoredConversation(
        "clinica-anota",
        "lid:" + LID,
        "WHATSAPP",
        "patient:clinica-anota:lid:" + LID,
        ConversationStatus.PAUSED,
        "Maria",
        pausedUntil,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void lidWithSenderPnIsKeyedOnThePhone() throws Exception {
    deliver(
            upsert(
                data -> {
                  key(data).put("remoteJid", LID + "@lid");
                  key(data).put("senderPn", PHONE + "@s.whatsapp.net");
                }))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW));
    assertThat(contacts.learned()).containsExactly(new Learned("clinica-anota", LID, PHONE));
  }

  @Test
  void lidLearnedEarlierIsKeyedOnThePhone() throws Exception {
    contacts.learn("clinica-anota", LID, PHONE);
    deliver(upsert(data -> key(data).put("remoteJid", LID + "@lid")))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW));
    Signalled s = signalledOnce();
    assertThat(s.message().replyTo()).isEqualTo(PHONE);
    assertThat(s.message().lid()).isEqualTo(LID);
    assertThat(contacts.learned()).hasSize(1); // only the one made above
  }

  @Test
  void lidWithoutAnyPhoneIsKeyedOnTheLidAndRepliesToTheFullJid() throws Exception {
    deliver(upsert(data -> key(data).put("remoteJid", LID + "@lid")))
        .andExpect(jsonPath("$.workflow_id").value("patient:clinica-anota:lid:" + LID));
    Signalled s = signalledOnce();
    assertThat(s.start().contact()).isEqualTo("lid:" + LID);
    assertThat(s.message().replyTo()).isEqualTo(LID + "@lid");
    assertThat(s.message().lid()).isEqualTo(LID);
    assertThat(contacts.learned()).isEmpty();
  }

  @Test
  void senderPnOfAMessageTheClinicWroteIsNotThePatients() throws Exception {
    deliver(
            upsert(
                data -> {
                  key(data).put("remoteJid", LID + "@lid");
                  key(data).put("fromMe", true);
                  key(data).put("senderPn", "5511900000002@s.whatsapp.net");
                }))
        .andExpect(jsonPath("$.workflow_id").value("patient:clinica-anota:lid:" + LID));
    assertThat(contacts.learned()).isEmpty();
  }

  // --- what the message holds ----------------------------------------------------------------

  @Test
  void extendedTextIsReadWhenThereIsNoConversation() throws Exception {
    deliver(withMessage("{\"extendedTextMessage\": {\"text\": \"quero marcar\"}}"));
    InboundMessage m = signalledOnce().message();
    assertThat(m.kind()).isEqualTo(MessageKind.TEXT);
    assertThat(m.text()).isEqualTo("quero marcar");
  }

  @Test
  void aPhotoIsAnImageWithItsCaption() throws Exception {
    deliver(
        withMessage(
            "{\"imageMessage\": {\"mimetype\": \"image/jpeg\", \"caption\": \"meu exame\"}}"));
    InboundMessage m = signalledOnce().message();
    assertThat(m.kind()).isEqualTo(MessageKind.IMAGE);
    assertThat(m.mimeType()).isEqualTo("image/jpeg");
    assertThat(m.text()).isEqualTo("meu exame");
  }

  @Test
  void aPhotoWithoutCaptionIsAnImageWithoutText() throws Exception {
    deliver(withMessage("{\"imageMessage\": {\"mimetype\": \"image/jpeg\"}}"));
    InboundMessage m = signalledOnce().message();
    assertThat(m.kind()).isEqualTo(MessageKind.IMAGE);
    assertThat(m.text()).isNull();
  }

  @Test
  void voiceNoteIsAudioWithItsMimeType() throws Exception {
    deliver(
        withMessage(
            """
            {"audioMessage": {"url": "https://mmg.whatsapp.net/x.enc",
              "mimetype": "audio/ogg; codecs=opus", "seconds": 7, "ptt": true}}
            """));
    InboundMessage m = signalledOnce().message();
    assertThat(m.kind()).isEqualTo(MessageKind.AUDIO);
    assertThat(m.mimeType()).isEqualTo("audio/ogg; codecs=opus");
    assertThat(m.text()).isNull();
  }

  @Test
  void aReactionIsIgnoredAndStartsNothing() throws Exception {
    deliver(
            withMessage(
                "{\"reactionMessage\": {\"key\": {\"id\": \"BAE5F5A632EAE722\"},"
                    + " \"text\": \"👍\"}}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"));
    verifyNoInteractions(starter);
    assertThat(ledger.claimedFor("clinica-anota", "WHATSAPP", FIXTURE_MESSAGE_ID)).isNull();
  }

  @Test
  void aPollIsUnsupported() throws Exception {
    deliver(withMessage("{\"pollCreationMessage\": {\"name\": \"Quando?\"}}"))
        .andExpect(jsonPath("$.status").value("accepted"));
    assertThat(signalledOnce().message().kind()).isEqualTo(MessageKind.UNSUPPORTED);
  }

  @Test
  void aSharedLocationReachesTheConversationAsANote() throws Exception {
    deliver(
            withMessage(
                "{\"locationMessage\": {\"degreesLatitude\": -23.5614141,"
                    + " \"degreesLongitude\": -46.6558819, \"name\": \"Casa\"}}"))
        .andExpect(jsonPath("$.status").value("accepted"));
    assertThat(signalledOnce().message().kind()).isEqualTo(MessageKind.TEXT);
    assertThat(signalledOnce().message().text())
        .isEqualTo("[location: Casa (-23.561414, -46.655882)]");
  }

  @Test
  void timestampAsStringIsRead() throws Exception {
    deliver(upsert(data -> data.put("messageTimestamp", "1763039928")));
    assertThat(signalledOnce().message().sentAt()).isEqualTo(Instant.ofEpochSecond(1763039928));
  }

  @Test
  void acceptedCountsAndTimesTheAcknowledgement() throws Exception {
    deliver(fixture()).andExpect(status().isOk());
    assertThat(count("clinica-anota", "accepted")).isEqualTo(1);
    assertThat(
            meters
                .find("clinicflow.webhooks.ack")
                .tags("channel", "whatsapp", "outcome", "accepted")
                .timer()
                .count())
        .isEqualTo(1);
  }
}
