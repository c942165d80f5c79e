package com.chatbotsaas.auth.account;

import org.jspecify.annotations.Nullable;

record UserSummary(
        String id, @Nullable String name, @Nullable String email) {}
