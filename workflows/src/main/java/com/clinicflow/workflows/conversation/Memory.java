package com.clinicflow.workflows.conversation;

import com.clinicflow.workflows.agent.ChatMessage;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A conversation's memory window, oldest first. Never starts with an orphan tool result. */
public record Memory(@JsonProperty("messages") List<ChatMessage> messages) {}
