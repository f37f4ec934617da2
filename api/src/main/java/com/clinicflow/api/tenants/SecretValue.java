package com.clinicflow.api.tenants;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a secret write. Its {@code toString} never shows the value. */
@Schema(description = "A secret value; write-only, never returned.")
record SecretValue(
    @Schema(
            description =
                "The secret, e.g. an API key. Stored encrypted; never returned or logged.",
            writeOnly = true,
            format = "password",
            requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("value")
        String value) {

  @Override
  public String toString() {
    return "SecretValue[value=" + (value == null ? "null" : "***") + "]";
  }
}
