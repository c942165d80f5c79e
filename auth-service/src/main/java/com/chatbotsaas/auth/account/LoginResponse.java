package com.chatbotsaas.auth.account;

record LoginResponse(
        String accessToken,
        String refreshToken,
        String tokenType,
        long expiresIn,
        long refreshExpiresIn,
        UserSummary user) {}
