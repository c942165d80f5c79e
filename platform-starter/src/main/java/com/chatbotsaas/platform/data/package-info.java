/** Small data helpers shared by every service: identifiers and paging. */
@NullMarked
package com.chatbotsaas.platform.data;

import org.jspecify.annotations.NullMarked;
