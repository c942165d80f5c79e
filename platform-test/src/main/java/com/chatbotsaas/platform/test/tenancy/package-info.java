/** Tenancy checks every service runs over its own organization routes. */
@NullMarked
package com.chatbotsaas.platform.test.tenancy;

import org.jspecify.annotations.NullMarked;
