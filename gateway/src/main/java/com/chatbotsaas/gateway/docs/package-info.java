/** {@code /api/docs}: one Swagger UI over every service's OpenAPI document, served through the gateway. */
@NullMarked
package com.chatbotsaas.gateway.docs;

import org.jspecify.annotations.NullMarked;
