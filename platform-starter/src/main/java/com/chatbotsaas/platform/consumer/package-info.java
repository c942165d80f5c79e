/** Consuming events at most once per consumer, acknowledged after commit. */
@NullMarked
package com.chatbotsaas.platform.consumer;

import org.jspecify.annotations.NullMarked;
