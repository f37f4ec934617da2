package com.clinicflow.api.webhooks;

import java.util.Optional;

/**
 * Which clinic a Telegram chat is the staff chat of, to name its assistant's workflow ({@code
 * staff:{tenant_id}:{chat_id}}). Cached like the instance lookup. Authorisation is not decided
 * here: the workflow asks TenantConfigLoader for every update.
 */
public interface StaffChatDirectory {

  Optional<String> tenantForChat(long chatId);

  /**
   * Whether a clinic has this id (cached, unknown ids too). A {@code /clinica <id>} names a
   * workflow and a metric series only when it is a clinic's id: ids a message makes up must not
   * become either.
   */
  boolean isClinic(String tenantId);
}
