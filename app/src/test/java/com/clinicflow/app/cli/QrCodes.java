package com.clinicflow.app.cli;

import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import java.util.ArrayList;
import java.util.List;

/** Reads back a QR code that {@link QrTerminal} printed, as a phone would. */
public final class QrCodes {

  private QrCodes() {}

  /**
   * Decodes the first QR code found in terminal output (a run of lines made only of half-block
   * characters and spaces).
   *
   * @param inverted whether the blocks are the dark modules
   */
  public static String decode(String output, boolean inverted) {
    // A run of lines of block characters and spaces only (an inverted code's quiet zone is a line
    // of spaces), holding at least one block.
    List<String> art = new ArrayList<>();
    for (String line : output.split("\n")) {
      boolean isArt = !line.isEmpty() && line.chars().allMatch(c -> " █▀▄".indexOf(c) >= 0);
      if (isArt) {
        art.add(line);
      } else if (art.stream().anyMatch(l -> l.chars().anyMatch(c -> c != ' '))) {
        break;
      } else {
        art.clear();
      }
    }
    if (art.stream().noneMatch(l -> l.chars().anyMatch(c -> c != ' '))) {
      throw new AssertionError("no QR code in the output:\n" + output);
    }
    int width = art.get(0).length();
    boolean[][] drawn = new boolean[art.size() * 2][width];
    for (int row = 0; row < art.size(); row++) {
      String line = art.get(row);
      for (int x = 0; x < width; x++) {
        char c = x < line.length() ? line.charAt(x) : ' ';
        drawn[2 * row][x] = c == '█' || c == '▀';
        drawn[2 * row + 1][x] = c == '█' || c == '▄';
      }
    }
    int quiet = QrTerminal.QUIET_ZONE;
    int size = width - 2 * quiet;
    BitMatrix modules = new BitMatrix(size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        boolean dark = drawn[y + quiet][x + quiet] == inverted;
        if (dark) {
          modules.set(x, y);
        }
      }
    }
    try {
      return new Decoder().decode(modules).getText();
    } catch (FormatException | ChecksumException e) {
      throw new AssertionError("the printed QR code does not decode", e);
    }
  }
}
