package com.clinicflow.api.codec;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clinicflow.codec.*}: the Temporal UI's origins allowed to call the codec endpoint from the
 * browser (e.g. {@code http://localhost:8233}; empty = no cross-origin calls), and how long a
 * browser's codec session lasts ({@code session-duration}, 8 h by default).
 */
@ConfigurationProperties(prefix = "clinicflow.codec")
public record CodecProperties(List<String> corsOrigins, Duration sessionDuration) {

  /** How long a browser signed in at {@code /codec/login} may decode without signing in again. */
  public static final Duration DEFAULT_SESSION_DURATION = Duration.ofHours(8);

  public CodecProperties {
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    sessionDuration =
        sessionDuration == null || sessionDuration.isZero() || sessionDuration.isNegative()
            ? DEFAULT_SESSION_DURATION
            : sessionDuration;
  }
}
