/** Looking into a service's start: its steps recorded as JDK Flight Recorder events, on request. */
@NullMarked
package com.chatbotsaas.platform.core.startup;

import org.jspecify.annotations.NullMarked;
