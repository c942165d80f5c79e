package com.chatbotsaas.auth.account;

record RegisterResponse(UserSummary user) {}
