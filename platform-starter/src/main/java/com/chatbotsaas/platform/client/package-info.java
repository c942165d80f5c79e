/** Calls to neighbouring services. */
@NullMarked
package com.chatbotsaas.platform.client;

import org.jspecify.annotations.NullMarked;
