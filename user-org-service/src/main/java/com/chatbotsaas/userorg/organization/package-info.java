/** Organizations (tenants) and memberships in them. */
@NullMarked
package com.chatbotsaas.userorg.organization;

import org.jspecify.annotations.NullMarked;
