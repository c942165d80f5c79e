/** Passwords: change with the current one, forgot (a one-time token for notification-service) and reset. */
@NullMarked
package com.chatbotsaas.auth.password;

import org.jspecify.annotations.NullMarked;
