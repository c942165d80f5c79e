/** Digests and authenticated encryption shared by the services. */
@NullMarked
package com.chatbotsaas.platform.crypto;

import org.jspecify.annotations.NullMarked;
