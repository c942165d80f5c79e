/** The request's trace across the gateway, with the OpenTelemetry Java agent attached. */
@NullMarked
package com.chatbotsaas.gateway.tracing;

import org.jspecify.annotations.NullMarked;
