package com.clinicflow.api.webhooks;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;

/**
 * Reads a webhook body, never more than {@code clinicflow.evolution.max-webhook-bytes}. The limit
 * is counted on the stream itself, so a chunked body without {@code Content-Length} is held to it
 * too.
 *
 * <p>An oversized body is still read to its end (up to {@link #drainCap}) before the 413 is sent: a
 * client still writing its body when the server answers and closes the connection sees a broken
 * pipe, not our 413, and Evolution would treat that as a network error and retry it ten times.
 * Tomcat itself only swallows 2 MiB ({@code server.tomcat.max-swallow-size}) of an unread body.
 */
@Component
class WebhookBodyReader {

  private static final long MIN_DRAIN_CAP = 32L * 1024 * 1024;

  private final long limit;
  private final long drainCap;

  WebhookBodyReader(EvolutionWebhookProperties properties) {
    this.limit = properties.maxWebhookBytes().toBytes();
    this.drainCap = Math.max(MIN_DRAIN_CAP, saturatedTimes4(limit));
  }

  /**
   * @throws WebhookRejectedException 413 above the limit; 400 when the body cannot be read
   */
  byte[] read(HttpServletRequest request) {
    try {
      InputStream in = request.getInputStream();
      long declared = request.getContentLengthLong();
      if (declared > limit) {
        drain(in, 0);
        throw WebhookRejectedException.tooLarge(limit);
      }
      ByteArrayOutputStream body =
          new ByteArrayOutputStream(declared > 0 ? (int) declared : 8 * 1024);
      byte[] buffer = new byte[16 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > limit) {
          drain(in, total);
          throw WebhookRejectedException.tooLarge(limit);
        }
        body.write(buffer, 0, n);
      }
      return body.toByteArray();
    } catch (IOException e) {
      // The client went away or sent a broken chunked body; nobody is left to read an answer.
      throw WebhookRejectedException.malformedJson("The request body could not be read.");
    }
  }

  /** Best effort: if the client gives up meanwhile, the 413 is still the answer we meant. */
  private void drain(InputStream in, long alreadyRead) {
    byte[] buffer = new byte[64 * 1024];
    long total = alreadyRead;
    int n;
    try {
      while (total < drainCap && (n = in.read(buffer)) != -1) {
        total += n;
      }
    } catch (IOException e) {
      // nothing more to drain
    }
  }

  private static long saturatedTimes4(long value) {
    return value > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : value * 4;
  }
}
