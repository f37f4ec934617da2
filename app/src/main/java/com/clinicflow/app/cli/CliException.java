package com.clinicflow.app.cli;

/** Ends a command with an exit code and a message for stderr (never a secret). */
class CliException extends RuntimeException {

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
