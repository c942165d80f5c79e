/** The API conventions: the response envelope, error codes and their mapping, and the request id. */
@NullMarked
package com.chatbotsaas.platform.web;

import org.jspecify.annotations.NullMarked;
