package com.clinicflow.app.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code clinicflow} command line: an admin client of a running ClinicFlow, started from the
 * same jar without a Spring context (it answers in a fraction of a second). {@code
 * ClinicFlowApplication.main} hands over when the first argument is a CLI command.
 */
public final class Cli {

  /** First words that make {@code clinicflow.jar} a CLI instead of a server. */
  private static final Set<String> COMMANDS =
      Set.of("tenants", "conversations", "import", "help", "--help");

  private Cli() {}

  /** Whether these program arguments ask for the CLI. */
  public static boolean handles(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** Runs the CLI on the process's own streams and environment; returns the exit code. */
  public static int run(String[] args) {
    // UTF-8 whatever the locale: tables hold accented clinic names, the QR code block characters.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    return run(args, new Console(System.getenv(), out, err, System.in));
  }

  /**
   * Runs the CLI on the given environment variables and streams (tests, embedding); returns the
   * exit code and never exits the JVM.
   */
  public static int run(
      String[] args,
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      InputStream in) {
    return run(args, new Console(Map.copyOf(environment), out, err, in));
  }

  static int run(String[] args, Console console) {
    List<String> words = Arrays.asList(args);
    try {
      switch (words.isEmpty() ? "help" : words.get(0)) {
        case "help", "--help" -> {
          console.out().print(Help.TEXT);
          return ExitCode.OK;
        }
        case "tenants" -> {
          return TenantsCommand.run(words.subList(1, words.size()), console);
        }
        case "conversations" -> {
          return ConversationsCommand.run(words.subList(1, words.size()), console);
        }
        case "import" -> {
          return ImportCommand.run(words.subList(1, words.size()), console);
        }
        default -> throw CliException.usage("unknown command '" + words.get(0) + "'");
      }
    } catch (CliException e) {
      console.err().println("error: " + e.getMessage());
      return e.exitCode();
    } finally {
      console.out().flush();
      console.err().flush();
    }
  }
}
