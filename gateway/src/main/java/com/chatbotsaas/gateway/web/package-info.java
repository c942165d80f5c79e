/** Request ids and the error envelope at the gateway. */
@NullMarked
package com.chatbotsaas.gateway.web;

import org.jspecify.annotations.NullMarked;
