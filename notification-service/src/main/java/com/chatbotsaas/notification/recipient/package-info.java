/**
 * Whom to write to: users (email, name, language), organizations and their owners, mirrored from tenancy and identity
 * events so that notifications never wait on another service.
 */
@NullMarked
package com.chatbotsaas.notification.recipient;

import org.jspecify.annotations.NullMarked;
