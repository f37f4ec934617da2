package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A media message (a voice note) by reference. The bytes never enter workflow history or the
 * database: the LLM activity fetches them from Evolution ({@code getBase64FromMediaMessage}) when
 * it builds the request.
 *
 * @param tenantId the clinic whose WhatsApp instance holds the media
 * @param instanceName that instance
 * @param providerMessageId WhatsApp {@code key.id} of the media message
 * @param mimeType as announced in the webhook, e.g. {@code audio/ogg; codecs=opus}
 */
public record MediaRef(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("provider_message_id") String providerMessageId,
    @JsonProperty("mime_type") String mimeType) {}
