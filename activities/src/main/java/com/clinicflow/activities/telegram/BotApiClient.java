package com.clinicflow.activities.telegram;

import com.clinicflow.workflows.common.Errors;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * {@code sendMessage} through telegrambots-client (OkHttp), pointed at {@code
 * clinicflow.telegram.base-url}. The library never retries; Temporal does, guided by the failure
 * types set here. Failure messages carry the HTTP status only: Telegram's descriptions can quote
 * the text, and exception messages of I/O errors can carry the URL, which holds the token.
 */
final class BotApiClient implements TelegramSender.BotApi {

  private static final Logger log = LoggerFactory.getLogger(BotApiClient.class);

  private final TelegramClient client;

  BotApiClient(TelegramProperties properties) {
    if (properties.sandboxed()) {
      throw new IllegalArgumentException("no clinicflow.telegram.bot-token: use the sandbox");
    }
    this.client = client(properties, http(properties));
  }

  /** One Bot API call (or file download) within {@code clinicflow.telegram.timeout}. */
  static OkHttpClient http(TelegramProperties properties) {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5))
        .callTimeout(properties.timeout())
        .readTimeout(properties.timeout())
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
  }

  /** The client of the Bot API at {@code clinicflow.telegram.base-url}, over {@code http}. */
  static TelegramClient client(TelegramProperties properties, OkHttpClient http) {
    return new OkHttpTelegramClient(http, properties.botToken(), url(properties.baseUrl()));
  }

  static TelegramUrl url(String baseUrl) {
    URI uri = URI.create(baseUrl);
    int port = uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
    return TelegramUrl.builder()
        .schema(uri.getScheme())
        .host(uri.getHost())
        .port(port)
        .testServer(false)
        .build();
  }

  @Override
  public Integer sendMessage(long chatId, String text) {
    // Plain text (no parse_mode): nothing in an LLM's answer can break Telegram's markup parser.
    SendMessage request = SendMessage.builder().chatId(chatId).text(text).build();
    try {
      Message sent = client.execute(request);
      return sent == null ? null : sent.getMessageId();
    } catch (TelegramApiRequestException e) {
      ApplicationFailure failure = failureFor("sendMessage", e.getErrorCode(), retryAfter(e));
      log.warn("Telegram sendMessage answered {} ({})", e.getErrorCode(), failure.getType());
      throw failure;
    } catch (TelegramApiException e) {
      log.warn("Telegram sendMessage failed: {}", e.getClass().getSimpleName());
      throw Errors.UPSTREAM_UNAVAILABLE.failure("Telegram sendMessage failed: I/O");
    }
  }

  static Integer retryAfter(TelegramApiRequestException e) {
    return e.getParameters() == null ? null : e.getParameters().getRetryAfter();
  }

  /** Maps a Bot API error of {@code method} to the failure type a retry policy understands. */
  static ApplicationFailure failureFor(
      String method, Integer errorCode, Integer retryAfterSeconds) {
    String message = "Telegram " + method + " failed: HTTP " + errorCode;
    if (errorCode == null || errorCode == 0) {
      // Not a Bot API answer (a proxy's HTML error page, a cut connection): worth another try.
      return Errors.UPSTREAM_UNAVAILABLE.failure(
          "Telegram " + method + " failed: unreadable answer");
    }
    if (errorCode == 429) {
      // Flood control: wait exactly as long as Telegram asks before the next attempt.
      Duration wait = Duration.ofSeconds(retryAfterSeconds == null ? 1 : retryAfterSeconds);
      return ApplicationFailure.newBuilder()
          .setMessage(message + ", retry after " + wait.toSeconds() + " s")
          .setType(Errors.RATE_LIMITED.name())
          .setNextRetryDelay(wait)
          .build();
    }
    if (errorCode == 401 || errorCode == 403) {
      // 401: wrong token; 403: the bot was removed from the chat or blocked. An operator's job.
      return Errors.UNAUTHORIZED.failure(message);
    }
    if (errorCode == 404) {
      return Errors.CONFIGURATION.failure(message);
    }
    if (errorCode >= 500) {
      return Errors.UPSTREAM_UNAVAILABLE.failure(message);
    }
    return Errors.BAD_REQUEST.failure(message);
  }
}
