package com.clinicflow.api.conversations;

import com.clinicflow.api.errors.InvalidFieldException;

/** How many conversations or messages one admin call returns: 1 to {@link #MAX}. */
final class ConversationLimits {

  static final int MAX = 500;

  private ConversationLimits() {}

  static void check(int limit) {
    if (limit < 1 || limit > MAX) {
      throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX + ".");
    }
  }
}
