/** Notifications: email, in-app notifications and signed webhooks. */
@NullMarked
package com.chatbotsaas.notification;

import org.jspecify.annotations.NullMarked;
