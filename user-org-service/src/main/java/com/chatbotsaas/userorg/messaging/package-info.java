/** Consumers of other services' events. */
@NullMarked
package com.chatbotsaas.userorg.messaging;

import org.jspecify.annotations.NullMarked;
