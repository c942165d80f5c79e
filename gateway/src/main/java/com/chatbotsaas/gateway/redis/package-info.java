/** The gateway's connection to Redis, shared by the rate limiter and the health check. */
@NullMarked
package com.chatbotsaas.gateway.redis;

import org.jspecify.annotations.NullMarked;
