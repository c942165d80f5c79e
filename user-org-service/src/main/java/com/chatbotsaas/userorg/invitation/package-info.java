/** Invitations: joining an organization by an emailed, single-use token. */
@NullMarked
package com.chatbotsaas.userorg.invitation;

import org.jspecify.annotations.NullMarked;
