/** Identifiers the whole platform creates alike (time-ordered UUIDs for rows and events) and typed ids. */
@NullMarked
package com.chatbotsaas.platform.core.id;

import org.jspecify.annotations.NullMarked;
