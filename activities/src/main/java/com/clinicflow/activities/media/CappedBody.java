package com.clinicflow.activities.media;

import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads an HTTP answer that carries media with a ceiling on its size. A patient can send a 100 MB
 * PDF on WhatsApp, and Evolution answers it as 133 MB of base64 JSON: read whole, one such message
 * would take the worker's memory with it. The announced length is checked first, then the body is
 * read in chunks and given up as soon as it passes the ceiling (closing the response drops the
 * rest).
 */
public final class CappedBody {

  /** How much is read at a time. */
  private static final long CHUNK = 64 * 1024;

  private CappedBody() {}

  /**
   * The bytes of {@code body} (none when there is no body), or the failure {@code tooLarge} gives
   * as soon as they are known to pass {@code maxBytes}.
   */
  public static byte[] read(
      ResponseBody body, long maxBytes, Supplier<? extends RuntimeException> tooLarge)
      throws IOException {
    if (body == null) {
      return new byte[0];
    }
    if (body.contentLength() > maxBytes) {
      throw tooLarge.get();
    }
    BufferedSource source = body.source();
    Buffer bytes = new Buffer();
    while (source.read(bytes, CHUNK) != -1) {
      if (bytes.size() > maxBytes) {
        bytes.clear();
        throw tooLarge.get();
      }
    }
    return bytes.readByteArray();
  }
}
