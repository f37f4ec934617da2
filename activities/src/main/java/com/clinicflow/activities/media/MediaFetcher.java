package com.clinicflow.activities.media;

import com.clinicflow.workflows.agent.MediaRef;

/**
 * Fetches the bytes of a WhatsApp media message (a voice note) when the LLM request is built. The
 * bytes are never stored: WhatsApp's CDN holds them encrypted, Evolution decrypts them on demand.
 */
public interface MediaFetcher {

  /** The media, or a failure typed per {@code Errors} (retryable on 5xx/I-O). */
  Media fetch(MediaRef ref);

  /** Decoded media bytes and their MIME type (without codec parameters, e.g. {@code audio/ogg}). */
  record Media(byte[] bytes, String mimeType) {}
}
