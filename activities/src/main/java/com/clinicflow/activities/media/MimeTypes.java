package com.clinicflow.activities.media;

import java.util.Locale;

/** MIME type helpers shared by the media fetchers and the LLM request. */
public final class MimeTypes {

  public static final String OCTET_STREAM = "application/octet-stream";

  private MimeTypes() {}

  /**
   * The bare type of a MIME type: {@code "audio/ogg; codecs=opus"} becomes {@code "audio/ogg"} (the
   * LLM wants the bare type). Null or blank gives null.
   */
  public static String withoutParameters(String mimeType) {
    if (mimeType == null) {
      return null;
    }
    int semicolon = mimeType.indexOf(';');
    String bare = (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip();
    return bare.isEmpty() ? null : bare.toLowerCase(Locale.ROOT);
  }

  /** The first of the given MIME types that has a bare type, else octet-stream. */
  public static String firstBare(String... candidates) {
    for (String candidate : candidates) {
      String bare = withoutParameters(candidate);
      if (bare != null) {
        return bare;
      }
    }
    return OCTET_STREAM;
  }
}
