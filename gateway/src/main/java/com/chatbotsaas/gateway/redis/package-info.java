/** The gateway's connections to Redis: shared by the rate limiter, revocations and the health check; dedicated ones for the denial relay. */
@NullMarked
package com.chatbotsaas.gateway.redis;

import org.jspecify.annotations.NullMarked;
