/**
 * Denials the gateway decides itself (401, 403, 429), published as {@code gateway.request.deny.failure} events:
 * sampled, kept in a bounded Redis stream (in memory while Redis is unavailable) and relayed to the broker with
 * confirms, at least once, so that a flood of denials cannot flood the broker and a broker outage loses none.
 */
@NullMarked
package com.chatbotsaas.gateway.denial;

import org.jspecify.annotations.NullMarked;
