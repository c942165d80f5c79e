package com.chatbotsaas.auth.account;

record UserSummary(String id, String name, String email) {}
