package com.clinicflow.workflows.common;

/**
 * Keys and tokens that travel in an HTTP header (Evolution's {@code apikey}, Gemini's {@code
 * x-goog-api-key}) or a URL (a Telegram bot token). HTTP clients refuse a header value with a line
 * break or a character outside ASCII, and name the value in their error — which would then reach
 * the worker log and the workflow history. So such values are refused where they come in, and
 * checked again where they are used, with errors that never quote them.
 */
public final class HeaderValues {

  private HeaderValues() {}

  /** Whether {@code value} is one word of printable ASCII: no space, line break or accent. */
  public static boolean usable(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code value} (null stays null) when it is {@link #usable}; else the start fails naming the
   * setting {@code property}, never the value.
   */
  public static String checkedSetting(String value, String property) {
    if (value != null && !usable(value)) {
      throw new IllegalArgumentException(
          property + " must be one word of printable ASCII (it is sent as a header)");
    }
    return value;
  }
}
