/** Tenancy: users, organizations, memberships, roles and the permission answers other services rely on. */
@NullMarked
package com.chatbotsaas.userorg;

import org.jspecify.annotations.NullMarked;
