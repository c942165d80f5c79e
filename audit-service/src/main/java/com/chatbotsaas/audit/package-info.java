/** Audit: every platform event stored once and queryable per organization. */
@NullMarked
package com.chatbotsaas.audit;

import org.jspecify.annotations.NullMarked;
