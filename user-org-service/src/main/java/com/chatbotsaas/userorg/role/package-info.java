/** Roles: the permission catalog, the system roles and each organization's custom roles. */
@NullMarked
package com.chatbotsaas.userorg.role;

import org.jspecify.annotations.NullMarked;
