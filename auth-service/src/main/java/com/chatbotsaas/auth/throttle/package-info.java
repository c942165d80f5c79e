/** Throttling of password guessing and reset emails, counted in Redis across instances. */
@NullMarked
package com.chatbotsaas.auth.throttle;

import org.jspecify.annotations.NullMarked;
