/** Memberships: who belongs to an organization with which role, and the administration of its users. */
@NullMarked
package com.chatbotsaas.userorg.member;

import org.jspecify.annotations.NullMarked;
