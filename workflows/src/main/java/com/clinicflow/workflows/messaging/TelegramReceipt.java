package com.clinicflow.workflows.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of a Telegram send.
 *
 * @param parts how many messages the text took (Telegram caps one at 4096 characters)
 * @param alreadySent true when every part had been sent before and nothing was sent now
 * @param sandboxed true when no bot token is configured and the message was only recorded
 */
public record TelegramReceipt(
    @JsonProperty("parts") int parts,
    @JsonProperty("already_sent") boolean alreadySent,
    @JsonProperty("sandboxed") boolean sandboxed) {}
