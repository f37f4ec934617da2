package com.clinicflow.api.webhooks;

import static com.clinicflow.api.webhooks.JsonFields.text;

import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.patient.InboundMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Maps the {@code data} of Evolution's {@code messages.upsert} to an {@link InboundMessage} and the
 * conversation it belongs to. Knows the vendor's shapes (see the Evolution reference): text in
 * {@code conversation} or {@code extendedTextMessage.text}, voice notes, photos, PDFs and videos
 * (with their captions), captions of other media, and the three ways a patient can be named (phone
 * JID, LID with an alternative phone, bare LID).
 */
@Component
class InboundMessageMapper {

  private static final String PHONE_SUFFIX = "@s.whatsapp.net";
  private static final String LID_SUFFIX = "@lid";

  private final ContactDirectory contacts;
  private final Clock clock;

  @Autowired
  InboundMessageMapper(ContactDirectory contacts) {
    this(contacts, Clock.systemUTC());
  }

  InboundMessageMapper(ContactDirectory contacts, Clock clock) {
    this.contacts = contacts;
    this.clock = clock;
  }

  /** What a {@code messages.upsert} turned out to be. */
  sealed interface Mapping permits Ignored, ForPatient {}

  /**
   * Not for a patient conversation (group, status, channel…), or nothing to answer (a reaction).
   */
  record Ignored(String reason) implements Mapping {}

  record ForPatient(PatientMessage message) implements Mapping {}

  /**
   * @throws WebhookRejectedException 400 without {@code key.remoteJid} or {@code key.id}; 503 when
   *     the LID directory cannot be read (the message must not go to a wrong conversation)
   */
  Mapping map(String tenantId, String instance, JsonNode data) {
    JsonNode key = data.path("key");
    String remoteJid = text(key.get("remoteJid"));
    String messageId = text(key.get("id"));
    if (remoteJid == null || messageId == null) {
      throw WebhookRejectedException.invalidEnvelope(
          "messages.upsert needs data.key.remoteJid and data.key.id.");
    }
    if (remoteJid.endsWith("@g.us")) {
      return new Ignored("group");
    }
    if (remoteJid.endsWith("@broadcast")) {
      return new Ignored("broadcast"); // status@broadcast is someone's WhatsApp Status
    }
    String nothingToAnswer = MessageContent.nothingToAnswer(data.get("message"));
    if (nothingToAnswer != null) {
      return new Ignored(nothingToAnswer); // a reaction, an album's header…
    }
    boolean fromMe = key.path("fromMe").asBoolean(false);
    Optional<Patient> patient = patient(tenantId, remoteJid, key, data, fromMe);
    if (patient.isEmpty()) {
      return new Ignored("not_a_patient_chat"); // newsletters, malformed JIDs…
    }
    Patient p = patient.get();
    MessageContent content = MessageContent.of(data.get("message"));
    MessageContext context = MessageContext.of(data);
    InboundMessage message =
        new InboundMessage(
            messageId,
            instance,
            p.replyTo(),
            p.lid(),
            fromMe,
            text(data.get("pushName")),
            content.kind(),
            content.text(),
            content.mimeType(),
            sentAt(data.get("messageTimestamp")),
            clock.instant(), // the debounce window counts from here (decision 0015)
            context.quoted(),
            context.ad());
    return new ForPatient(new PatientMessage(p.contact(), message, p.learned()));
  }

  /** Who the conversation is with, and where replies go. */
  private record Patient(
      String contact, String replyTo, String lid, PatientMessage.LidPhone learned) {}

  private Optional<Patient> patient(
      String tenantId, String remoteJid, JsonNode key, JsonNode data, boolean fromMe) {
    if (remoteJid.endsWith(PHONE_SUFFIX)) {
      String phone = digits(remoteJid, PHONE_SUFFIX);
      if (phone == null) {
        return Optional.empty();
      }
      // Newer servers may name the LID as the alternative of a phone-addressed chat.
      String lid = digits(text(key.get("remoteJidAlt")), LID_SUFFIX);
      PatientMessage.LidPhone learned =
          lid == null ? null : new PatientMessage.LidPhone(lid, phone);
      return Optional.of(new Patient(phone, phone, lid, learned));
    }
    if (!remoteJid.endsWith(LID_SUFFIX)) {
      return Optional.empty();
    }
    String lid = digits(remoteJid, LID_SUFFIX);
    if (lid == null) {
      return Optional.empty();
    }
    String carried = digits(text(key.get("remoteJidAlt")), PHONE_SUFFIX);
    if (carried == null && !fromMe) {
      // senderPn names the author: on a message the clinic wrote that is the clinic's own phone,
      // so it says nothing about the patient.
      carried = phoneOrPhoneJid(text(key.get("senderPn")));
      if (carried == null) {
        carried = phoneOrPhoneJid(text(data.get("senderPn")));
      }
    }
    if (carried != null) {
      return Optional.of(
          new Patient(carried, carried, lid, new PatientMessage.LidPhone(lid, carried)));
    }
    Optional<String> known;
    try {
      known = contacts.phoneForLid(tenantId, lid);
    } catch (RuntimeException e) {
      throw WebhookRejectedException.unavailable();
    }
    if (known.isPresent()) {
      return Optional.of(new Patient(known.get(), known.get(), lid, null));
    }
    // Only the LID is known: key the conversation on it and reply to the full JID (never send the
    // LID's digits as if they were a phone number).
    return Optional.of(new Patient(ConversationKey.lidContact(lid), remoteJid, lid, null));
  }

  /**
   * {@code messageTimestamp} in epoch seconds: a number, a numeric string, or protobuf's {@code
   * {low, high}} Long from some Baileys builds. Missing or unreadable: the time it arrived.
   */
  private Instant sentAt(JsonNode timestamp) {
    long seconds = -1;
    if (timestamp != null) {
      if (timestamp.isIntegralNumber()) {
        seconds = timestamp.asLong();
      } else if (timestamp.isTextual() && timestamp.asText().matches("\\d{1,15}")) {
        seconds = Long.parseLong(timestamp.asText());
      } else if (timestamp.isObject() && timestamp.path("low").isIntegralNumber()) {
        seconds =
            (timestamp.path("high").asLong(0) << 32)
                | (timestamp.path("low").asLong() & 0xffffffffL);
      }
    }
    if (seconds <= 0) {
      return clock.instant();
    }
    // Some gateways send milliseconds; no message was sent after the year 33658.
    return seconds > 999_999_999_999L
        ? Instant.ofEpochMilli(seconds)
        : Instant.ofEpochSecond(seconds);
  }

  /** The digits of {@code 5511…@s.whatsapp.net} (device suffix {@code :12} dropped), or null. */
  private static String digits(String jid, String suffix) {
    if (jid == null || !jid.endsWith(suffix)) {
      return null;
    }
    String user = jid.substring(0, jid.length() - suffix.length());
    int device = user.indexOf(':');
    if (device >= 0) {
      user = user.substring(0, device);
    }
    return user.matches("\\d{5,20}") ? user : null;
  }

  /** {@code senderPn} comes as a phone JID or as bare digits. */
  private static String phoneOrPhoneJid(String value) {
    if (value == null) {
      return null;
    }
    if (value.endsWith(PHONE_SUFFIX)) {
      return digits(value, PHONE_SUFFIX);
    }
    return value.matches("\\d{5,20}") ? value : null;
  }
}
