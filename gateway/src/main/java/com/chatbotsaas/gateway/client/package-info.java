/** Who the client is: its address behind trusted proxies, and the forwarded headers the services receive. */
@NullMarked
package com.chatbotsaas.gateway.client;

import org.jspecify.annotations.NullMarked;
