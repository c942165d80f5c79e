/** Token validation for every service and the caller it identifies. */
@NullMarked
package com.chatbotsaas.platform.security;

import org.jspecify.annotations.NullMarked;
