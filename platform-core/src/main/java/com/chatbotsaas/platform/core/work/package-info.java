/**
 * Background work that keeps its state outside the worker (database rows, a Redis stream): a loop woken when work
 * arrives and polling otherwise, and the back-off between failed attempts.
 */
@NullMarked
package com.chatbotsaas.platform.core.work;

import org.jspecify.annotations.NullMarked;
