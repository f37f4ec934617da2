package com.clinicflow.app.cli;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;

/**
 * A QR code drawn with Unicode half blocks, two modules per character cell, so that WhatsApp's
 * scanner reads it straight off the terminal.
 *
 * <p>By default the light modules (and the quiet zone) are drawn as blocks: on the usual light text
 * on a dark background they come out light, as a scanner expects. {@code inverted} draws the dark
 * modules instead, for dark text on a light background.
 */
final class QrTerminal {

  /** Modules of quiet zone around the code (the standard asks 4; 2 reads well on screens). */
  static final int QUIET_ZONE = 2;

  private QrTerminal() {}

  static String render(String content, boolean inverted) {
    ByteMatrix matrix;
    try {
      matrix =
          Encoder.encode(
                  content, ErrorCorrectionLevel.L, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
              .getMatrix();
    } catch (WriterException e) {
      throw new CliException(ExitCode.API_ERROR, "the pairing code is too long for a QR code");
    }
    int size = matrix.getWidth() + 2 * QUIET_ZONE;
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < size; y += 2) {
      for (int x = 0; x < size; x++) {
        boolean top = drawn(matrix, x, y, inverted);
        // past the last row (odd sizes) is quiet zone, which drawn() treats as light
        boolean bottom = drawn(matrix, x, y + 1, inverted);
        out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Whether the module at (x, y) of the padded grid is drawn as a block. */
  private static boolean drawn(ByteMatrix matrix, int x, int y, boolean inverted) {
    int mx = x - QUIET_ZONE;
    int my = y - QUIET_ZONE;
    boolean dark =
        mx >= 0
            && my >= 0
            && mx < matrix.getWidth()
            && my < matrix.getHeight()
            && matrix.get(mx, my) == 1;
    return inverted == dark;
  }
}
