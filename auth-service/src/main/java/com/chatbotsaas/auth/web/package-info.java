/** What the service needs to know about the HTTP client behind a request: its address and user agent. */
@NullMarked
package com.chatbotsaas.auth.web;

import org.jspecify.annotations.NullMarked;
