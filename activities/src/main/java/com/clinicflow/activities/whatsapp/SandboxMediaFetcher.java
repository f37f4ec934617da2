package com.clinicflow.activities.whatsapp;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MimeTypes;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.tenant.Channel;

/**
 * Media with no gateway: in sandbox there is no Evolution to decrypt WhatsApp media, so <b>no media
 * is available</b>. Every fetch returns an empty byte array with the reference's bare MIME type (a
 * placeholder that is valid to pass around, not a playable or viewable file). Consumers that build
 * an LLM request should treat empty bytes as "media unavailable" rather than send them.
 */
final class SandboxMediaFetcher implements MediaFetcher {

  /** WhatsApp media only: a Telegram file is the staff bot's. */
  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public Media fetch(MediaRef ref) {
    return new Media(new byte[0], MimeTypes.firstBare(ref == null ? null : ref.mimeType()));
  }
}
