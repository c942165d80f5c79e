/** Access decisions for organization resources, asked of user-org-service; denied when unknown. */
@NullMarked
package com.chatbotsaas.platform.permission;

import org.jspecify.annotations.NullMarked;
