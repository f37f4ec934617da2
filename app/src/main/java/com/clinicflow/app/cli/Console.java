package com.clinicflow.app.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of the outside world: environment variables, standard streams. Tests
 * give their own, so the CLI runs in-process with no {@code System.exit}.
 */
record Console(Map<String, String> environment, PrintStream out, PrintStream err, InputStream in) {

  String env(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
