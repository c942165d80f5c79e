/**
 * The web console, served at the gateway's root: every page path answers the console's HTML shell (so emailed links
 * and reloads work), its scripts and styles are under {@code /assets/}, and every answer carries a strict
 * Content-Security-Policy. {@code /api/**}, {@code /actuator/**}, {@code /internal/**} and {@code /widget.js} are never
 * console pages.
 */
@NullMarked
package com.chatbotsaas.gateway.console;

import org.jspecify.annotations.NullMarked;
