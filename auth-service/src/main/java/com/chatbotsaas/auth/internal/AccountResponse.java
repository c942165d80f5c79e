package com.chatbotsaas.auth.internal;

record AccountResponse(String id, String name, String email) {}
