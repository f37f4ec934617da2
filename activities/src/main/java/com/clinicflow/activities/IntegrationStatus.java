package com.clinicflow.activities;

import java.util.regex.Pattern;

/**
 * Whether an integration talks to the real vendor or runs in sandbox, for the start-up block that
 * tells an operator what is live. Every adapter configuration declares one bean of this type.
 *
 * @param name e.g. {@code gemini}, {@code evolution}
 * @param live true when configured for the real service
 * @param detail where it points (base URL, model) or why it is sandboxed; never a secret: the
 *     credentials of a URL ({@code https://user:password@proxy/}) are taken out of it
 */
public record IntegrationStatus(String name, boolean live, String detail) {

  private static final Pattern URL_CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]+@");

  public IntegrationStatus {
    detail = detail == null ? null : URL_CREDENTIALS.matcher(detail).replaceAll("");
  }
}
