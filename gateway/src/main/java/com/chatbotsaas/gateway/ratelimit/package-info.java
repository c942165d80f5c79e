/** Token-bucket rate limits on Redis, per user, per client address or per widget key and address. */
@NullMarked
package com.chatbotsaas.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
