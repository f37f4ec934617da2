package com.clinicflow.activities.telegram;

import com.clinicflow.activities.Heartbeats;
import com.clinicflow.activities.media.CappedBody;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MimeTypes;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.tenant.Channel;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * A staff member's voice note from the Bot API: {@code getFile} for the file's path, then {@code
 * GET {base}/file/bot{token}/{file_path}} (the library's own download ignores a custom base URL).
 * Telegram keeps the file for the bot; nothing is stored here.
 *
 * <p>Failures as for sending: 400 (an unknown {@code file_id}, a file over the Bot API's 20 MB) is
 * {@code BAD_REQUEST}, not retried; 429 waits as Telegram asks; 5xx and I/O are retried. Failure
 * messages and logs carry the HTTP status only: every URL here holds the token.
 */
final class TelegramMediaFetcher implements MediaFetcher {

  /** The Bot API serves files of up to 20 MB; a larger answer is not a voice note of ours. */
  static final long MAX_BYTES = 20L * 1024 * 1024;

  /** What a Telegram voice note is when neither the update nor the download says. */
  static final String VOICE_NOTE_TYPE = "audio/ogg";

  private static final Logger log = LoggerFactory.getLogger(TelegramMediaFetcher.class);

  private final TelegramClient client;
  private final OkHttpClient http;
  private final String fileRoot;
  private final long maxBytes;

  TelegramMediaFetcher(TelegramProperties properties) {
    this(properties, MAX_BYTES);
  }

  /** With a smaller limit than the Bot API's, for tests. */
  TelegramMediaFetcher(TelegramProperties properties, long maxBytes) {
    this.maxBytes = maxBytes;
    if (properties.sandboxed()) {
      throw new IllegalArgumentException("no clinicflow.telegram.bot-token: no files to fetch");
    }
    this.http = BotApiClient.http(properties);
    this.client = BotApiClient.client(properties, http);
    this.fileRoot = properties.baseUrl() + "/file/bot" + properties.botToken() + "/";
  }

  /** Telegram files only: WhatsApp media is Evolution's. */
  @Override
  public Channel channel() {
    return Channel.TELEGRAM;
  }

  @Override
  public Media fetch(MediaRef ref) {
    if (ref == null || ref.telegramFileId() == null || ref.telegramFileId().isBlank()) {
      throw Errors.BAD_REQUEST.failure("Media reference without a Telegram file id");
    }
    return Heartbeats.whileRunning(
        () -> {
          String path = filePath(ref.telegramFileId());
          String type = MimeTypes.withoutParameters(ref.mimeType());
          return new Media(download(path), type == null ? VOICE_NOTE_TYPE : type);
        });
  }

  private String filePath(String fileId) {
    File file;
    try {
      file = client.execute(GetFile.builder().fileId(fileId).build());
    } catch (TelegramApiRequestException e) {
      var failure =
          BotApiClient.failureFor("getFile", e.getErrorCode(), BotApiClient.retryAfter(e));
      log.warn("Telegram getFile answered {} ({})", e.getErrorCode(), failure.getType());
      throw failure;
    } catch (TelegramApiException e) {
      log.warn("Telegram getFile failed: {}", e.getClass().getSimpleName());
      throw Errors.UPSTREAM_UNAVAILABLE.failure("Telegram getFile failed: I/O");
    }
    if (file == null || file.getFilePath() == null || file.getFilePath().isBlank()) {
      // Telegram gives no path for a file it cannot serve to bots.
      throw Errors.BAD_REQUEST.failure("Telegram getFile gave no file path");
    }
    return file.getFilePath();
  }

  private byte[] download(String path) {
    Request request = new Request.Builder().url(fileRoot + path).get().build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        var failure = BotApiClient.failureFor("file download", response.code(), null);
        log.warn("Telegram file download answered {} ({})", response.code(), failure.getType());
        throw failure;
      }
      return CappedBody.read(response.body(), maxBytes, this::tooLarge);
    } catch (IOException e) {
      // Never the exception's message: it can quote the URL, and the URL holds the token.
      log.warn("Telegram file download failed: {}", e.getClass().getSimpleName());
      throw Errors.UPSTREAM_UNAVAILABLE.failure("Telegram file download failed: I/O");
    }
  }

  private RuntimeException tooLarge() {
    return Errors.BAD_REQUEST.failure("Telegram file larger than " + maxBytes + " bytes");
  }
}
