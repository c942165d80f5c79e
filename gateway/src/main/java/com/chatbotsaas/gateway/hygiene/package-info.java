/** Request hygiene: what a client may not send to the services, and how much. */
@NullMarked
package com.chatbotsaas.gateway.hygiene;

import org.jspecify.annotations.NullMarked;
