package com.clinicflow.api.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clinicflow.codec.*}: the Temporal UI's origins allowed to call the codec endpoint from the
 * browser (e.g. {@code http://localhost:8233}); empty = no cross-origin calls.
 */
@ConfigurationProperties(prefix = "clinicflow.codec")
public record CodecProperties(List<String> corsOrigins) {

  public CodecProperties {
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }
}
