package com.clinicflow.workflows.patient;

/** What a WhatsApp message holds, as far as the assistant is concerned. */
public enum MessageKind {
  /** Text ({@code conversation}, {@code extendedTextMessage.text}) or an image caption. */
  TEXT,
  /** A voice note or audio file: given to the LLM as audio. */
  AUDIO,
  /** Anything the assistant cannot read (sticker, document, location…): a polite answer. */
  UNSUPPORTED
}
