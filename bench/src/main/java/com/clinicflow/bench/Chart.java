package com.clinicflow.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** The report's chart, drawn with Java2D: latency percentiles and throughput vs offered rate. */
final class Chart {

  private static final int W = 1100;
  private static final int H = 900;
  private static final int LEFT = 90;
  private static final int RIGHT = 260;

  private record Series(String name, Color color, boolean dashed, List<double[]> points) {}

  private Chart() {}

  static void write(Report report, Path file) throws IOException {
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(
        "ClinicFlow on "
            + Machine.cores()
            + " cores, run "
            + report.runId
            + " (Gemini fake "
            + report.settings.geminiMillis()
            + " ms ± "
            + report.settings.geminiJitterMillis()
            + ")",
        LEFT,
        28);

    double maxRate = 0;
    for (LoadStep.Result r : report.sweep) {
      maxRate = Math.max(maxRate, r.offeredRate());
    }
    maxRate = niceCeil(Math.max(maxRate * 1.1, 10));

    List<Series> latency = new ArrayList<>();
    latency.add(
        series(
            report,
            "webhook ack p50",
            new Color(0x1f77b4),
            false,
            r -> LoadStep.ms(r.ackFromIntended(), 50)));
    latency.add(
        series(
            report,
            "webhook ack p99",
            new Color(0x1f77b4),
            true,
            r -> LoadStep.ms(r.ackFromIntended(), 99)));
    latency.add(
        series(
            report,
            "engine overhead p50",
            new Color(0xd62728),
            false,
            r -> LoadStep.ms(r.overhead(), 50)));
    latency.add(
        series(
            report,
            "engine overhead p99",
            new Color(0xd62728),
            true,
            r -> LoadStep.ms(r.overhead(), 99)));
    latency.add(
        series(
            report,
            "end-to-end p50",
            new Color(0x7f7f7f),
            false,
            r -> LoadStep.ms(r.endToEnd(), 50)));
    List<LoadStep.Result> baselines = new ArrayList<>();
    if (report.baselineAtSustained != null) {
      baselines.add(report.baselineAtSustained);
    }
    if (report.baseline != null) {
      baselines.add(report.baseline);
    }
    if (!baselines.isEmpty()) {
      latency.add(
          points(
              baselines,
              "baseline overhead p50",
              new Color(0x2ca02c),
              false,
              r -> LoadStep.ms(r.overhead(), 50)));
      latency.add(
          points(
              baselines,
              "baseline overhead p99",
              new Color(0x2ca02c),
              true,
              r -> LoadStep.ms(r.overhead(), 99)));
    }
    panelLog(
        g,
        60,
        420,
        "latency (ms, log scale)",
        maxRate,
        latency,
        new double[][] {{10, 0}, {60, 0}, {15, 0}});

    List<Series> throughput = new ArrayList<>();
    List<double[]> ideal = List.of(new double[] {0, 0}, new double[] {maxRate, maxRate});
    throughput.add(new Series("offered (ideal)", Color.GRAY, true, ideal));
    throughput.add(
        series(report, "answered msg/s", new Color(0x9467bd), false, LoadStep.Result::throughput));
    if (!baselines.isEmpty()) {
      throughput.add(
          points(
              baselines,
              "baseline answered msg/s",
              new Color(0x2ca02c),
              false,
              LoadStep.Result::throughput));
    }
    panelLinear(g, 520, 800, "throughput (messages answered/s)", maxRate, throughput);

    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString("offered rate (messages/s)", LEFT + (W - LEFT - RIGHT) / 2 - 70, H - 40);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static Series series(
      Report report,
      String name,
      Color color,
      boolean dashed,
      ToDoubleFunction<LoadStep.Result> y) {
    List<double[]> points = new ArrayList<>();
    for (LoadStep.Result r : report.sweep) {
      double v = y.applyAsDouble(r);
      if (!Double.isNaN(v)) {
        points.add(new double[] {r.offeredRate(), v});
      }
    }
    return new Series(name, color, dashed, points);
  }

  private static Series points(
      List<LoadStep.Result> results,
      String name,
      Color color,
      boolean dashed,
      ToDoubleFunction<LoadStep.Result> y) {
    List<double[]> points = new ArrayList<>();
    for (LoadStep.Result r : results) {
      points.add(new double[] {r.offeredRate(), y.applyAsDouble(r)});
    }
    return new Series(name, color, dashed, points);
  }

  private static void panelLog(
      Graphics2D g,
      int top,
      int bottom,
      String title,
      double maxX,
      List<Series> series,
      double[][] targets) {
    double minY = 0.1;
    double maxY = 0.1;
    for (Series s : series) {
      for (double[] p : s.points) {
        maxY = Math.max(maxY, p[1]);
      }
    }
    double logMin = Math.floor(Math.log10(minY));
    double logMax = Math.ceil(Math.log10(maxY * 1.2));
    int right = W - RIGHT;
    axes(g, top, bottom, title, maxX);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (double e = logMin; e <= logMax; e++) {
      int y = (int) (bottom - (e - logMin) / (logMax - logMin) * (bottom - top));
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT, y, right, y);
      g.setColor(Color.BLACK);
      String label =
          e < 0 ? String.valueOf(Math.pow(10, e)) : String.format("%.0f", Math.pow(10, e));
      g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    for (double[] t : targets) {
      int y = (int) (bottom - (Math.log10(t[0]) - logMin) / (logMax - logMin) * (bottom - top));
      g.setColor(new Color(0xffb000));
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
      g.drawLine(LEFT, y, right, y);
      g.drawString("target " + (int) t[0] + " ms", LEFT + 6, y - 3);
    }
    double lm = logMin;
    double lx = logMax;
    draw(g, top, bottom, maxX, series, v -> (Math.log10(Math.max(v, minY)) - lm) / (lx - lm));
  }

  private static void panelLinear(
      Graphics2D g, int top, int bottom, String title, double maxX, List<Series> series) {
    int right = W - RIGHT;
    axes(g, top, bottom, title, maxX);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    double step = niceStep(maxX);
    for (double v = 0; v <= maxX + 1e-9; v += step) {
      int y = (int) (bottom - v / maxX * (bottom - top));
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT, y, right, y);
      g.setColor(Color.BLACK);
      String label = String.format("%.0f", v);
      g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    int y100 = (int) (bottom - 100 / maxX * (bottom - top));
    if (100 <= maxX) {
      g.setColor(new Color(0xffb000));
      g.drawString("target 100/s", LEFT + 6, y100 - 3);
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
      g.drawLine(LEFT, y100, right, y100);
    }
    draw(g, top, bottom, maxX, series, v -> v / maxX);
  }

  private static void axes(Graphics2D g, int top, int bottom, String title, double maxX) {
    int right = W - RIGHT;
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, LEFT, top - 10);
    g.drawRect(LEFT, top, right - LEFT, bottom - top);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    double step = niceStep(maxX);
    for (double x = 0; x <= maxX + 1e-9; x += step) {
      int px = (int) (LEFT + x / maxX * (right - LEFT));
      g.drawLine(px, bottom, px, bottom + 4);
      String label = String.format("%.0f", x);
      g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, bottom + 16);
    }
  }

  private interface Scale {
    double of(double v);
  }

  private static void draw(
      Graphics2D g, int top, int bottom, double maxX, List<Series> series, Scale scale) {
    int right = W - RIGHT;
    int legendY = top + 14;
    for (Series s : series) {
      g.setColor(s.color);
      g.setStroke(
          s.dashed
              ? new BasicStroke(
                  2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f)
              : new BasicStroke(2f));
      int[] prev = null;
      for (double[] p : s.points) {
        int x = (int) (LEFT + p[0] / maxX * (right - LEFT));
        int y = (int) (bottom - scale.of(p[1]) * (bottom - top));
        y = Math.max(top, Math.min(bottom, y));
        if (prev != null) {
          g.drawLine(prev[0], prev[1], x, y);
        }
        g.fillOval(x - 4, y - 4, 8, 8);
        prev = new int[] {x, y};
      }
      g.drawLine(right + 10, legendY + 20, right + 40, legendY + 20);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(s.name, right + 46, legendY + 24);
      legendY += 20;
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static double niceStep(double max) {
    double raw = max / 8;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (raw <= m * mag) {
        return m * mag;
      }
    }
    return 10 * mag;
  }

  private static double niceCeil(double v) {
    double step = niceStep(v);
    return Math.ceil(v / step) * step;
  }
}
