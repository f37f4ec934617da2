package com.clinicflow.workflows.agent;

import java.util.Locale;

/**
 * What a piece of media is to the model and to an operator reading the transcript, told by its MIME
 * type. Anything neither an image, a video nor a PDF is a voice note: so is every reference
 * recorded before photos and documents were read (some have no MIME type at all, a staff audio file
 * may say {@code application/ogg}).
 */
public enum MediaKind {
  VOICE_NOTE("voice note"),
  PHOTO("photo"),
  DOCUMENT("document"),
  VIDEO("video");

  private final String label;

  MediaKind(String label) {
    this.label = label;
  }

  /**
   * How the transcript names it: {@code voice note}, {@code photo}, {@code document}, {@code
   * video}.
   */
  public String label() {
    return label;
  }

  /** The kind of media announced as {@code mimeType} (with or without parameters). */
  public static MediaKind of(String mimeType) {
    String type = mimeType == null ? "" : mimeType.strip().toLowerCase(Locale.ROOT);
    if (type.startsWith("image/")) {
      return PHOTO;
    }
    if (type.startsWith("application/pdf")) {
      return DOCUMENT;
    }
    if (type.startsWith("video/")) {
      return VIDEO;
    }
    return VOICE_NOTE;
  }
}
