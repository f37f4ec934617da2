package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A WhatsApp message for a patient conversation, mapped from Evolution's webhook by the API.
 *
 * @param providerMessageId WhatsApp {@code key.id}: the dedupe key within the clinic
 * @param instanceName the clinic's Evolution instance it arrived on
 * @param replyTo where a reply reaches the patient: phone digits when known, else the full JID
 * @param lid the patient's WhatsApp LID digits when the message carried one, else null
 * @param fromStaff {@code key.fromMe}: clinic staff wrote this from the clinic's phone (handoff)
 * @param displayName WhatsApp {@code pushName}, may be null
 * @param kind what the message holds
 * @param text the text or caption; null for a voice note
 * @param mimeType for media, as announced in the webhook
 * @param sentAt {@code messageTimestamp}: the order of messages, never arrival order
 * @param receivedAt when ClinicFlow's webhook received it (the API's clock): the debounce window
 *     counts from here; null from APIs older than decision 0015, and then counts from when the
 *     conversation saw the message
 * @param replyingTo the text of the message this one answers (WhatsApp's quote), or what it was ("a
 *     photo"), cut short; null when it quotes none (and from older APIs)
 * @param fromAd the title and text of the clinic's click-to-WhatsApp ad the patient wrote from;
 *     null when none (and from older APIs)
 */
public record InboundMessage(
    @JsonProperty("provider_message_id") String providerMessageId,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("reply_to") String replyTo,
    @JsonProperty("lid") String lid,
    @JsonProperty("from_staff") boolean fromStaff,
    @JsonProperty("display_name") String displayName,
    @JsonProperty("kind") MessageKind kind,
    @JsonProperty("text") String text,
    @JsonProperty("mime_type") String mimeType,
    @JsonProperty("sent_at") Instant sentAt,
    @JsonProperty("received_at") Instant receivedAt,
    // Left out when null: a message without them records what it recorded before.
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("replying_to") String replyingTo,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("from_ad") String fromAd) {}
