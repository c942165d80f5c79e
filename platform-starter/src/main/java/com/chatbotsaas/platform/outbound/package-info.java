/**
 * Outbound HTTP to addresses that tenants choose (engine endpoints, workflow and webhook URLs): the SSRF guard and an
 * HTTP client that applies it to every hop and connects only to the addresses it checked.
 */
@NullMarked
package com.chatbotsaas.platform.outbound;

import org.jspecify.annotations.NullMarked;
