/** Accounts: registration and login. */
@NullMarked
package com.chatbotsaas.auth.account;

import org.jspecify.annotations.NullMarked;
