/** What the entities of every feature share: when a row was created and last changed, and soft deletion. */
@NullMarked
package com.chatbotsaas.userorg.persistence;

import org.jspecify.annotations.NullMarked;
