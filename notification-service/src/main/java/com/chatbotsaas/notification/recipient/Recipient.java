package com.chatbotsaas.notification.recipient;

import java.util.UUID;

/** A person this service can write to. */
public record Recipient(UUID userId, String email, String name, String locale) {}
