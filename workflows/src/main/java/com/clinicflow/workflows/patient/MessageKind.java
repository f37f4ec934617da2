package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * What a WhatsApp message holds, as far as the assistant is concerned. A kind a later release adds
 * reads as {@link #UNSUPPORTED} in this one (with the workers' {@code TolerantJson}): during a
 * rolling deploy the message gets the polite answer instead of its signal being dropped.
 */
public enum MessageKind {
  /**
   * Text ({@code conversation}, {@code extendedTextMessage.text}), a reply to a list or button, the
   * caption of media the assistant does not read (a video, a Word document), or a note in words for
   * a sticker, a contact card or a location.
   */
  TEXT,
  /** A voice note or audio file: given to the LLM as audio. */
  AUDIO,
  /**
   * A photo (JPEG, PNG, WebP, HEIC): given to the LLM as an image, with its caption as text. Added
   * after {@code TolerantJson}'s enum default: older workers read it as {@link #UNSUPPORTED}.
   */
  IMAGE,
  /**
   * A PDF document: given to the LLM as a document, with its caption as text. As {@link #IMAGE}.
   */
  DOCUMENT,
  /**
   * A video (MP4, 3GPP, WebM, MPEG; a round video note too): given to the LLM as a video, with its
   * caption as text. As {@link #IMAGE}, and unreadable to workers that knew photos but not videos.
   */
  VIDEO,
  /** Anything the assistant cannot read (a video, a Word document, a poll…): a polite answer. */
  @JsonEnumDefaultValue
  UNSUPPORTED;

  /** Media the message carries by reference: a voice note, a photo, a PDF or a video. */
  public boolean isMedia() {
    return this == AUDIO || this == IMAGE || this == DOCUMENT || this == VIDEO;
  }
}
