package com.clinicflow.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line split into positional arguments, {@code --name value} / {@code --name=value}
 * options (the last one wins) and {@code --flag}s. Which names are flags is the caller's to say, so
 * that {@code --json} never swallows the next argument.
 */
final class Arguments {

  private final List<String> positional;
  private final Map<String, String> options;
  private final Set<String> flagsGiven;

  private Arguments(List<String> positional, Map<String, String> options, Set<String> flagsGiven) {
    this.positional = positional;
    this.options = options;
    this.flagsGiven = flagsGiven;
  }

  static Arguments parse(List<String> args, Set<String> flags) {
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    Set<String> given = new java.util.LinkedHashSet<>();
    boolean onlyPositional = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (onlyPositional || !arg.startsWith("--") || arg.equals("-")) {
        positional.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        onlyPositional = true;
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (name.isEmpty()) {
        throw CliException.usage("'" + arg + "' is not an option");
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw CliException.usage("--" + name + " takes no value");
        }
        given.add(name);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw CliException.usage("--" + name + " needs a value");
        }
        value = args.get(++i);
      }
      options.put(name, value);
    }
    return new Arguments(List.copyOf(positional), options, given);
  }

  List<String> positional() {
    return positional;
  }

  Map<String, String> options() {
    return options;
  }

  boolean flag(String name) {
    return flagsGiven.contains(name);
  }

  String option(String name) {
    return options.get(name);
  }

  /** Fails on any option not in {@code allowed}. */
  void allowOnly(Set<String> allowed, String command) {
    for (String name : options.keySet()) {
      if (!allowed.contains(name)) {
        throw CliException.usage(
            "unknown option --" + name + " for '" + command + "' (see clinicflow help)");
      }
    }
  }

  /** The positional arguments after the command words, exactly {@code count} of them. */
  List<String> exactly(int count, String usage) {
    if (positional.size() != count) {
      throw CliException.usage("usage: " + usage);
    }
    return positional;
  }
}
