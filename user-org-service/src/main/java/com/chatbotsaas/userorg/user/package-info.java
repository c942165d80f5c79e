/** The users: a profile mirror of the identity provider's accounts. */
@NullMarked
package com.chatbotsaas.userorg.user;

import org.jspecify.annotations.NullMarked;
