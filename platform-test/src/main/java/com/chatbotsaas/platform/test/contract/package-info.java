/** The event contract as tests check it. */
@NullMarked
package com.chatbotsaas.platform.test.contract;

import org.jspecify.annotations.NullMarked;
