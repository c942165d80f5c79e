/** Email verification: one-time tokens for notification-service's link, verify and resend. */
@NullMarked
package com.chatbotsaas.auth.email;

import org.jspecify.annotations.NullMarked;
