/** The service's own settings. */
@NullMarked
package com.chatbotsaas.notification.config;

import org.jspecify.annotations.NullMarked;
