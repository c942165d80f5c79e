/** The shared default configuration of every service. */
@NullMarked
package com.chatbotsaas.platform.config;

import org.jspecify.annotations.NullMarked;
