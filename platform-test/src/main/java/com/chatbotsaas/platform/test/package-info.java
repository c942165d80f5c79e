/** Test support shared by every module: the test environment of a service under test. */
@NullMarked
package com.chatbotsaas.platform.test;

import org.jspecify.annotations.NullMarked;
