/** The audit log: storage of every event and the query API. */
@NullMarked
package com.chatbotsaas.audit.log;

import org.jspecify.annotations.NullMarked;
