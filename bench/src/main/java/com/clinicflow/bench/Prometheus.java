package com.clinicflow.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counters from the application's {@code /actuator/prometheus}. */
final class Prometheus {

  private static final Pattern TENANT_READS =
      Pattern.compile(
          "^clinicflow_tenant_config_db_reads_total\\{[^}]*lookup=\"([a-z_]+)\"[^}]*}\\s+(\\S+)",
          Pattern.MULTILINE);

  private Prometheus() {}

  static String scrape(AppProcess app) {
    try {
      HttpResponse<String> r =
          AppProcess.HTTP.send(
              HttpRequest.newBuilder(app.url("/actuator/prometheus"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** {@code clinicflow_tenant_config_db_reads_total} by {@code lookup}. */
  static Map<String, Double> tenantReads(AppProcess app) {
    Map<String, Double> reads = new TreeMap<>();
    Matcher m = TENANT_READS.matcher(scrape(app));
    while (m.find()) {
      reads.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
    }
    return reads;
  }

  /** The first sample of a metric whose line starts with {@code prefix}, or NaN. */
  static double value(String scrape, String prefix) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }
}
