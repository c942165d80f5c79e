/** Email: templates in the recipient's language, a persistent queue, and the sender that retries it over SMTP. */
@NullMarked
package com.chatbotsaas.notification.mail;

import org.jspecify.annotations.NullMarked;
