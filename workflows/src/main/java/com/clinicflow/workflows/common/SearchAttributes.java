package com.clinicflow.workflows.common;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes ClinicFlow workflows keep current, so the Temporal UI can filter "all
 * conversations of clinic X needing attention" ({@code TenantId = "x" AND ConversationStatus =
 * "NEEDS_ATTENTION"}). Search attributes are not encrypted by the payload codec: never put patient
 * data in them.
 */
public final class SearchAttributes {

  private SearchAttributes() {}

  public static final SearchAttributeKey<String> TENANT_ID =
      SearchAttributeKey.forKeyword("TenantId");
  public static final SearchAttributeKey<String> CHANNEL = SearchAttributeKey.forKeyword("Channel");
  public static final SearchAttributeKey<String> CONVERSATION_STATUS =
      SearchAttributeKey.forKeyword("ConversationStatus");

  /** Registered on the Temporal server at start (all are keywords). */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(TENANT_ID, CHANNEL, CONVERSATION_STATUS);
}
