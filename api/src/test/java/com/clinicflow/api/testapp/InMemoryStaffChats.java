package com.clinicflow.api.testapp;

import com.clinicflow.api.webhooks.StaffChatDirectory;
import com.clinicflow.api.webhooks.TelegramUpdates;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Staff chats and the Telegram update ledger in memory. */
public class InMemoryStaffChats implements StaffChatDirectory, TelegramUpdates {

  private final Map<Long, String> chats = new HashMap<>();
  private final Set<String> clinics = new HashSet<>();
  private final Set<Long> claimed = new HashSet<>();

  public synchronized void reset() {
    chats.clear();
    clinics.clear();
    claimed.clear();
  }

  /** A clinic whose staff chat is {@code chatId}. */
  public synchronized void chatOf(String tenantId, long chatId) {
    chats.put(chatId, tenantId);
    clinics.add(tenantId);
  }

  /** A clinic (its staff chat unknown here). */
  public synchronized void clinic(String tenantId) {
    clinics.add(tenantId);
  }

  public synchronized boolean isClaimed(long updateId) {
    return claimed.contains(updateId);
  }

  @Override
  public synchronized Optional<String> tenantForChat(long chatId) {
    return Optional.ofNullable(chats.get(chatId));
  }

  @Override
  public synchronized boolean isClinic(String tenantId) {
    return clinics.contains(tenantId);
  }

  @Override
  public synchronized boolean claim(long updateId, long chatId, String workflowId) {
    return claimed.add(updateId);
  }

  @Override
  public synchronized void release(long updateId) {
    claimed.remove(updateId);
  }
}
