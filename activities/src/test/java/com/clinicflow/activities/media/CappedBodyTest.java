package com.clinicflow.activities.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

  private static final class TooLarge extends RuntimeException {}

  @Test
  void aBodyWithinTheLimitIsReadWhole() throws IOException {
    byte[] bytes = new byte[200 * 1024];
    bytes[bytes.length - 1] = 7;

    byte[] read = CappedBody.read(unannounced(bytes), bytes.length, TooLarge::new);

    assertThat(read).isEqualTo(bytes);
  }

  @Test
  void noBodyIsNoBytes() throws IOException {
    assertThat(CappedBody.read(null, 10, TooLarge::new)).isEmpty();
  }

  @Test
  void anAnnouncedLengthOverTheLimitFailsBeforeAnythingIsRead() {
    ResponseBody announced =
        new ResponseBody() {
          @Override
          public MediaType contentType() {
            return null;
          }

          @Override
          public long contentLength() {
            return 11;
          }

          @Override
          public BufferedSource source() {
            throw new AssertionError("read although its length was announced over the limit");
          }
        };

    assertThatThrownBy(() -> CappedBody.read(announced, 10, TooLarge::new))
        .isInstanceOf(TooLarge.class);
  }

  @Test
  void aBodyWithoutAnnouncedLengthIsGivenUpOnceItPassesTheLimit() {
    byte[] bytes = new byte[200 * 1024 + 1];

    assertThatThrownBy(() -> CappedBody.read(unannounced(bytes), 200 * 1024, TooLarge::new))
        .isInstanceOf(TooLarge.class);
  }

  /** A body that does not say how long it is, as a chunked answer. */
  private static ResponseBody unannounced(byte[] bytes) {
    return ResponseBody.create(new Buffer().write(bytes), null, -1);
  }
}
