package com.clinicflow.api.testapp;

import com.clinicflow.api.webhooks.InboundLedger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link InboundLedger} in memory: the first claim of an id wins, release gives it back. */
public class InMemoryInboundLedger implements InboundLedger {

  private final Map<String, String> claims = new HashMap<>();
  private final List<String> released = new ArrayList<>();
  private final java.util.Set<String> signalled = new java.util.HashSet<>();
  private RuntimeException failure;

  public synchronized void reset() {
    claims.clear();
    released.clear();
    signalled.clear();
    failure = null;
  }

  public synchronized void failWith(RuntimeException e) {
    failure = e;
  }

  /** Workflow id recorded with a claim, or null when the id is not claimed. */
  public synchronized String claimedFor(String tenantId, String channel, String messageId) {
    return claims.get(key(tenantId, channel, messageId));
  }

  public synchronized List<String> released() {
    return List.copyOf(released);
  }

  @Override
  public synchronized boolean claim(
      String tenantId, String channel, String providerMessageId, String workflowId) {
    if (failure != null) {
      throw failure;
    }
    return claims.putIfAbsent(key(tenantId, channel, providerMessageId), workflowId) == null;
  }

  /** A claim whose signal was never confirmed, as left by an API process that died. */
  public synchronized void claimWithoutSignal(
      String tenantId, String messageId, String workflowId) {
    claims.put(key(tenantId, "WHATSAPP", messageId), workflowId);
  }

  @Override
  public synchronized void markSignalled(String tenantId, String channel, String messageId) {
    signalled.add(key(tenantId, channel, messageId));
  }

  @Override
  public synchronized boolean isSignalled(String tenantId, String channel, String messageId) {
    return signalled.contains(key(tenantId, channel, messageId));
  }

  @Override
  public synchronized void release(String tenantId, String channel, String providerMessageId) {
    released.add(key(tenantId, channel, providerMessageId));
    claims.remove(key(tenantId, channel, providerMessageId));
  }

  public static String key(String tenantId, String channel, String messageId) {
    return tenantId + "/" + channel + "/" + messageId;
  }
}
