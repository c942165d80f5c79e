/** Real infrastructure for integration tests: local services, or containers where Docker exists. */
@NullMarked
package com.chatbotsaas.platform.test.infra;

import org.jspecify.annotations.NullMarked;
