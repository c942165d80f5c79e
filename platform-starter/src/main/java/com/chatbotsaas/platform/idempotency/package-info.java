/** Idempotency-Key on POSTs: a repeated request gets the first response and creates nothing new. */
@NullMarked
package com.chatbotsaas.platform.idempotency;

import org.jspecify.annotations.NullMarked;
