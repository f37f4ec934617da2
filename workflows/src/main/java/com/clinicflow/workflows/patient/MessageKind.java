package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * What a WhatsApp message holds, as far as the assistant is concerned. A kind a later release adds
 * reads as {@link #UNSUPPORTED} in this one (with the workers' {@code TolerantJson}): during a
 * rolling deploy the message gets the polite answer instead of its signal being dropped.
 */
public enum MessageKind {
  /** Text ({@code conversation}, {@code extendedTextMessage.text}) or an image caption. */
  TEXT,
  /** A voice note or audio file: given to the LLM as audio. */
  AUDIO,
  /** Anything the assistant cannot read (sticker, document, location…): a polite answer. */
  @JsonEnumDefaultValue
  UNSUPPORTED
}
