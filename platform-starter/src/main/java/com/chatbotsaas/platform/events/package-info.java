/** CloudEvents on the platform exchange: the envelope, the transactional outbox and its relay. */
@NullMarked
package com.chatbotsaas.platform.events;

import org.jspecify.annotations.NullMarked;
