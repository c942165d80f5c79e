/** A real browser for tests: headless Chromium on the loopback interface. */
@NullMarked
package com.chatbotsaas.platform.test.browser;

import org.jspecify.annotations.NullMarked;
