/** user-org-service as a local HTTP server, for services that ask it who may do what. */
@NullMarked
package com.chatbotsaas.platform.test.userorg;

import org.jspecify.annotations.NullMarked;
