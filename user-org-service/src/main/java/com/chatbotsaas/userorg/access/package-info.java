/** Roles, permissions and the internal API that answers what a caller may do in an organization. */
@NullMarked
package com.chatbotsaas.userorg.access;

import org.jspecify.annotations.NullMarked;
