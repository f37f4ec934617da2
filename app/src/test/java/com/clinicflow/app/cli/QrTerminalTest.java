package com.clinicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QrTerminalTest {

  // The shape of a Baileys pairing payload (ref, noise key, identity key, adv secret).
  static final String CODE =
      "2@y8eK+bjtEjUWy9/FOM2X7dZMPa4ozQ6Hc1l6Q3s0u7lz0mHpXnvbGzFwVt9m8Zc+Jc9JwX6b0l7w==,"
          + "N1e8dK3t8pGj5hLwZr0yJcH1U9d5K2m3tNnV3Q4tXGk=,"
          + "aB6rN7lJc2o1mQk9t4Zs5eYp0wUx8vH3iF2gD1cE7Ao=,"
          + "Xq1w2e3r4t5y6u7i8o9p0aSdFgHjKlZxCvBnM1234567=";

  @Test
  void aPrintedCodeDecodesToThePayload() {
    String art = QrTerminal.render(CODE, false);
    assertThat(QrCodes.decode(art, false)).isEqualTo(CODE);
  }

  @Test
  void anInvertedCodeDecodesToThePayloadToo() {
    String art = QrTerminal.render(CODE, true);
    assertThat(QrCodes.decode(art, true)).isEqualTo(CODE);
    assertThat(art).isNotEqualTo(QrTerminal.render(CODE, false));
  }

  @Test
  void usesOnlyHalfBlocksTwoModulesPerLine() {
    String art = QrTerminal.render("hello", false);
    String[] lines = art.split("\n");
    // version 1 is 21 modules; with 2 modules of quiet zone each side: 25 wide, 13 lines
    assertThat(lines[0]).hasSize(25);
    assertThat(lines).hasSize(13);
    assertThat(art.replace("\n", "")).matches("[ █▀▄]+");
    // the quiet zone is light: drawn as full blocks by default
    assertThat(lines[0]).isEqualTo("█".repeat(25));
  }
}
