package com.clinicflow.app.cli;

/**
 * Exit codes of the {@code clinicflow} CLI, for scripts. Documented in {@code clinicflow help} and
 * docs/tenants.md.
 */
final class ExitCode {

  /** Done. */
  static final int OK = 0;

  /** The API (ClinicFlow's or Evolution's) answered with an error; its message is printed. */
  static final int API_ERROR = 1;

  /** The command line is wrong (unknown command or option, missing argument, unreadable file). */
  static final int USAGE = 2;

  /** The API could not be reached (connection refused, timeout, unknown host). */
  static final int CONNECTION = 3;

  private ExitCode() {}
}
