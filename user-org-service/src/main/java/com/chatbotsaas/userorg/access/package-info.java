/** The internal API that answers what a caller may do in an organization, from memberships, roles and plans. */
@NullMarked
package com.chatbotsaas.userorg.access;

import org.jspecify.annotations.NullMarked;
