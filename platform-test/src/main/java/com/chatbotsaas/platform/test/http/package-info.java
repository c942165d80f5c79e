/** An HTTP client for black-box API tests. */
@NullMarked
package com.chatbotsaas.platform.test.http;

import org.jspecify.annotations.NullMarked;
