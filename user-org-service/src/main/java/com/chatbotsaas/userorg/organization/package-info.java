/** Organizations (tenants), their plans and the plan limits other features check. */
@NullMarked
package com.chatbotsaas.userorg.organization;

import org.jspecify.annotations.NullMarked;
