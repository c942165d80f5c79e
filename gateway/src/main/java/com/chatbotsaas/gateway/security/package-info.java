/** Token validation at the gateway. */
@NullMarked
package com.chatbotsaas.gateway.security;

import org.jspecify.annotations.NullMarked;
