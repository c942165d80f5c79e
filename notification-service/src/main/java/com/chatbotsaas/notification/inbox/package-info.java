/** In-app notifications: what each user sees in the console's bell, stored from events. */
@NullMarked
package com.chatbotsaas.notification.inbox;

import org.jspecify.annotations.NullMarked;
