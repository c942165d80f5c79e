/** Accounts: registration, login, token refresh, logout and the caller's own account. */
@NullMarked
package com.chatbotsaas.auth.account;

import org.jspecify.annotations.NullMarked;
