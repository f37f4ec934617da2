package com.clinicflow.activities.media;

import com.clinicflow.workflows.agent.MediaRef;

/**
 * Fetches the bytes of a media message (a voice note) when the LLM request is built. The bytes are
 * never stored: WhatsApp's CDN holds a patient's encrypted and Evolution decrypts them on demand;
 * Telegram keeps a staff member's for the bot to download.
 */
public interface MediaFetcher {

  /** The media, or a failure typed per {@code Errors} (retryable on 5xx/I-O). */
  Media fetch(MediaRef ref);

  /**
   * Whether this fetcher serves {@code ref}'s channel; one that serves every channel by default.
   */
  default boolean fetches(MediaRef ref) {
    return true;
  }

  /** Decoded media bytes and their MIME type (without codec parameters, e.g. {@code audio/ogg}). */
  record Media(byte[] bytes, String mimeType) {}
}
