/**
 * Consumers of events and private messages: thin handlers, one per upstream, idempotent on the event id, that hand
 * the work to the features.
 */
@NullMarked
package com.chatbotsaas.notification.messaging;

import org.jspecify.annotations.NullMarked;
