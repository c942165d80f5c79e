/**
 * Revocation at once: sessions that ended (logout, revocation) and users whose older tokens no longer count
 * (password change or reset) are written to Redis from auth-service's events, and checked by the rate-limit script in
 * the same round trip as the token bucket, so an access token stops working within a second instead of at its
 * expiry.
 */
@NullMarked
package com.chatbotsaas.gateway.revocation;

import org.jspecify.annotations.NullMarked;
