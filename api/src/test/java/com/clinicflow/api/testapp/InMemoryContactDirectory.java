package com.clinicflow.api.testapp;

import com.clinicflow.api.webhooks.ContactDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ContactDirectory} in memory, remembering what it was taught. */
public class InMemoryContactDirectory implements ContactDirectory {

  /** One {@code learn} call. */
  public record Learned(String tenantId, String lid, String phone) {}

  private final Map<String, String> phones = new HashMap<>();
  private final List<Learned> learned = new ArrayList<>();

  public synchronized void reset() {
    phones.clear();
    learned.clear();
  }

  public synchronized List<Learned> learned() {
    return List.copyOf(learned);
  }

  @Override
  public synchronized Optional<String> phoneForLid(String tenantId, String lid) {
    return Optional.ofNullable(phones.get(tenantId + "/" + lid));
  }

  @Override
  public synchronized boolean learn(String tenantId, String lid, String phone) {
    learned.add(new Learned(tenantId, lid, phone));
    return !phone.equals(phones.put(tenantId + "/" + lid, phone));
  }
}
