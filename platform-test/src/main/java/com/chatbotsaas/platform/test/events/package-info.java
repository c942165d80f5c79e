/** Observing and producing platform events from tests. */
@NullMarked
package com.chatbotsaas.platform.test.events;

import org.jspecify.annotations.NullMarked;
