/** {@code GET /api/health}: whether every service and the infrastructure the gateway uses are up. */
@NullMarked
package com.chatbotsaas.gateway.health;

import org.jspecify.annotations.NullMarked;
