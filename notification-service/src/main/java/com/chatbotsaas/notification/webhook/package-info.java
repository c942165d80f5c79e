/**
 * Organization webhooks: subscriptions, Standard Webhooks signatures, deliveries with persisted retries, the delivery
 * log, redelivery and automatic disabling.
 */
@NullMarked
package com.chatbotsaas.notification.webhook;

import org.jspecify.annotations.NullMarked;
