package com.clinicflow.activities.telegram;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.tenant.Channel;

/**
 * Staff voice notes with no bot token: there is no Telegram to download them from, so every fetch
 * gives empty bytes, and the model is told the note could not be played.
 */
final class SandboxTelegramFiles implements MediaFetcher {

  @Override
  public Channel channel() {
    return Channel.TELEGRAM;
  }

  @Override
  public Media fetch(MediaRef ref) {
    return new Media(new byte[0], TelegramMediaFetcher.VOICE_NOTE_TYPE);
  }
}
