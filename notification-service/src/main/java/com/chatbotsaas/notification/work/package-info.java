/** Background work that outlives a request: polling loops over rows due in PostgreSQL. */
@NullMarked
package com.chatbotsaas.notification.work;

import org.jspecify.annotations.NullMarked;
