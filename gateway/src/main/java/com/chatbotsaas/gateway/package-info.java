/** The gateway: the one front door of the platform. */
@NullMarked
package com.chatbotsaas.gateway;

import org.jspecify.annotations.NullMarked;
