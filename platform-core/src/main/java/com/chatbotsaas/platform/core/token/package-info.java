/** Access tokens already verified, shared by the gateway's and the services' token decoders. */
@NullMarked
package com.chatbotsaas.platform.core.token;

import org.jspecify.annotations.NullMarked;
