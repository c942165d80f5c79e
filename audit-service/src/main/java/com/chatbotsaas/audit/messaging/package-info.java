/** The consumer of every platform event. */
@NullMarked
package com.chatbotsaas.audit.messaging;

import org.jspecify.annotations.NullMarked;
