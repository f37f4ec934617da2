package com.clinicflow.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, two spaces apart, no borders. */
final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... headers) {
    this.columns = headers.length;
    rows.add(headers);
  }

  Table row(Object... cells) {
    String[] row = new String[columns];
    for (int i = 0; i < columns; i++) {
      row[i] = i < cells.length && cells[i] != null ? oneLine(String.valueOf(cells[i])) : "";
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.size() == 1;
  }

  void print(PrintStream out) {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], width(row[i]));
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - width(row[i]) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Key-value lines, keys padded: the human form of one record. */
  static void keyValues(PrintStream out, List<String[]> pairs) {
    int width = pairs.stream().mapToInt(p -> width(p[0])).max().orElse(0);
    for (String[] pair : pairs) {
      String[] lines = (pair[1] == null ? "" : pair[1]).split("\n", -1);
      out.println((pair[0] + " ".repeat(width - width(pair[0]) + 2) + lines[0]).stripTrailing());
      Arrays.stream(lines)
          .skip(1)
          .forEach(l -> out.println((" ".repeat(width + 2) + l).stripTrailing()));
    }
  }

  static String[] kv(String key, Object value) {
    return new String[] {key, value == null ? "-" : String.valueOf(value)};
  }

  static String oneLine(String text) {
    String flat = text.replace('\n', ' ').replace('\r', ' ');
    return flat.length() > 80 ? flat.substring(0, 77) + "..." : flat;
  }

  private static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
