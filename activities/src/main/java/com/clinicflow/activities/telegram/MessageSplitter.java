package com.clinicflow.activities.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into parts Telegram accepts (at most {@link #LIMIT} characters each), preferring
 * paragraph breaks, then line breaks, then spaces, and only then a hard cut, so a long agenda
 * arrives as readable messages. Never splits a surrogate pair.
 */
final class MessageSplitter {

  /** Telegram's limit for one message's text, in characters (UTF-16 units, as Telegram counts). */
  static final int LIMIT = 4096;

  private MessageSplitter() {}

  static List<String> split(String text) {
    return split(text, LIMIT);
  }

  static List<String> split(String text, int limit) {
    List<String> parts = new ArrayList<>();
    String rest = text == null ? "" : text.strip();
    while (rest.length() > limit) {
      int cut = cutPoint(rest, limit);
      String part = rest.substring(0, cut).strip();
      if (!part.isEmpty()) {
        parts.add(part);
      }
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      parts.add(rest);
    }
    return parts;
  }

  private static int cutPoint(String text, int limit) {
    for (String separator : new String[] {"\n\n", "\n", " "}) {
      int at = text.lastIndexOf(separator, limit - separator.length());
      if (at > limit / 2) {
        return at + separator.length();
      }
    }
    // No good boundary in the second half: cut hard, but not inside a surrogate pair.
    return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
  }
}
