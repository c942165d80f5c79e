/** Background work kept in database rows: a worker loop woken after commits and polling otherwise. */
@NullMarked
package com.chatbotsaas.platform.work;

import org.jspecify.annotations.NullMarked;
