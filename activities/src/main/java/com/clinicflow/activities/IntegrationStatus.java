package com.clinicflow.activities;

/**
 * Whether an integration talks to the real vendor or runs in sandbox, for the start-up block that
 * tells an operator what is live. Every adapter configuration declares one bean of this type.
 *
 * @param name e.g. {@code gemini}, {@code evolution}
 * @param live true when configured for the real service
 * @param detail where it points (base URL, model) or why it is sandboxed; never a secret
 */
public record IntegrationStatus(String name, boolean live, String detail) {}
