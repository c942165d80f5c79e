/** Architecture rules every service checks with ArchUnit. */
@NullMarked
package com.chatbotsaas.platform.test.architecture;

import org.jspecify.annotations.NullMarked;
