/**
 * Denials the gateway decides itself (401, 403, 429), published as {@code gateway.request.deny.failure} events:
 * directly to the broker (the gateway has no database for an outbox), bounded so that a flood of denials cannot
 * flood the broker.
 */
@NullMarked
package com.chatbotsaas.gateway.denial;

import org.jspecify.annotations.NullMarked;
