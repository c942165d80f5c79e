package com.chatbotsaas.auth.account;

/**
 * What a browser session's page scripts get: the access token and who signed in. The refresh token goes only into an
 * HttpOnly cookie, where scripts cannot read it.
 */
record BrowserSession(String accessToken, String tokenType, long expiresIn, UserSummary user) {

    static BrowserSession of(LoginResponse tokens) {
        return new BrowserSession(tokens.accessToken(), tokens.tokenType(), tokens.expiresIn(), tokens.user());
    }

    /** Tokens never reach a log line, even when a framework logs what it writes. */
    @Override
    public String toString() {
        return "BrowserSession[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", user=" + user + "]";
    }
}
