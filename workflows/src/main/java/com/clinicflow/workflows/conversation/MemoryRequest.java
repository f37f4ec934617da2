package com.clinicflow.workflows.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Load the latest {@code window} messages of a conversation, cut on whole turns. */
public record MemoryRequest(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("window") int window) {}
