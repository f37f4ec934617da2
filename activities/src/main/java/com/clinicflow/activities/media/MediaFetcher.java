package com.clinicflow.activities.media;

import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.tenant.Channel;

/**
 * Fetches the bytes of a media message (a voice note, a photo, a document) when the LLM request is
 * built. The bytes are never stored: WhatsApp's CDN holds a patient's encrypted and Evolution
 * decrypts them on demand; Telegram keeps a staff member's for the bot to download.
 */
public interface MediaFetcher {

  /** The media, or a failure typed per {@code Errors} (retryable on 5xx/I-O). */
  Media fetch(MediaRef ref);

  /** The channel whose media this fetcher serves; null (the default) for every channel. */
  default Channel channel() {
    return null;
  }

  /** Whether this fetcher serves {@code ref}'s channel ({@link MediaRef#channel}). */
  default boolean fetches(MediaRef ref) {
    return channel() == null || ref != null && ref.channel() == channel();
  }

  /** Decoded media bytes and their MIME type (without codec parameters, e.g. {@code audio/ogg}). */
  record Media(byte[] bytes, String mimeType) {}
}
