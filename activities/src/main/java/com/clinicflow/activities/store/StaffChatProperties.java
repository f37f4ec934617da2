package com.clinicflow.activities.store;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one {@code clinicflow.telegram.*} setting the tenant store needs: which Telegram chats are
 * system admins'. The Telegram adapter binds the rest of that prefix in its own record.
 *
 * @param adminChatIds chats that may address any clinic; none by default
 */
@ConfigurationProperties(prefix = "clinicflow.telegram")
record StaffChatProperties(List<Long> adminChatIds) {

  StaffChatProperties {
    adminChatIds = adminChatIds == null ? List.of() : List.copyOf(adminChatIds);
  }

  Set<Long> adminChatIdSet() {
    return Set.copyOf(adminChatIds);
  }
}
