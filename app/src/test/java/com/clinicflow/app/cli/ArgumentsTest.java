package com.clinicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

  @Test
  void splitsPositionalsOptionsAndFlags() {
    Arguments args =
        Arguments.parse(
            List.of("update", "clinica", "--clinic-name", "Nova", "--json", "--limit=10"),
            Set.of("json"));
    assertThat(args.positional()).containsExactly("update", "clinica");
    assertThat(args.options()).containsEntry("clinic-name", "Nova").containsEntry("limit", "10");
    assertThat(args.flag("json")).isTrue();
  }

  @Test
  void aFlagNeverSwallowsTheNextWordAndEverythingAfterDoubleDashIsPositional() {
    Arguments args = Arguments.parse(List.of("--json", "show", "--", "--odd-id"), Set.of("json"));
    assertThat(args.positional()).containsExactly("show", "--odd-id");
  }

  @Test
  void anOptionWithoutItsValueIsAUsageError() {
    assertThatThrownBy(() -> Arguments.parse(List.of("list", "--search"), Set.of()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("--search");
    assertThatThrownBy(() -> Arguments.parse(List.of("--json=yes"), Set.of("json")))
        .isInstanceOf(CliException.class);
  }

  @Test
  void unknownOptionsAreRefusedByName() {
    Arguments args = Arguments.parse(List.of("list", "--colour", "red"), Set.of());
    assertThatThrownBy(() -> args.allowOnly(Set.of("search"), "tenants list"))
        .hasMessageContaining("--colour");
  }
}
