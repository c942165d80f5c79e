/** Publishing to RabbitMQ so that a message counts as sent only once the broker confirmed and routed it. */
@NullMarked
package com.chatbotsaas.platform.core.amqp;

import org.jspecify.annotations.NullMarked;
