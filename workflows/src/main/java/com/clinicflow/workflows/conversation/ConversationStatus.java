package com.clinicflow.workflows.conversation;

/** What an operator needs to know about a conversation at a glance. */
public enum ConversationStatus {
  /** The bot answers. */
  ACTIVE,
  /** Staff took over (from the clinic's phone or Telegram): the bot stays silent until a time. */
  PAUSED,
  /** A turn failed past its retry budget: the patient got the fallback message; retry pending. */
  NEEDS_ATTENTION
}
