/** The internal API other services call as themselves: account creation for user-org-service. */
@NullMarked
package com.chatbotsaas.auth.internal;

import org.jspecify.annotations.NullMarked;
