/** Audited actions: one success or failure event per audited request. */
@NullMarked
package com.chatbotsaas.platform.audit;

import org.jspecify.annotations.NullMarked;
