package com.clinicflow.workflows.agent;

import io.temporal.activity.ActivityInterface;

/**
 * The LLM (Google Gemini; a labelled offline stand-in in sandbox mode).
 *
 * <p>One call, no side effects: safe to retry. The SDK's own retries are off; Temporal retries
 * 429/5xx/I-O ({@code RATE_LIMITED}, {@code UPSTREAM_UNAVAILABLE}) and never 4xx ({@code
 * BAD_REQUEST}, {@code UNAUTHORIZED}) or a blocked prompt ({@code LLM_REFUSED}).
 */
@ActivityInterface(namePrefix = "Llm.")
public interface LlmActivities {

  LlmReply generate(LlmRequest request);
}
