/** Single-use tokens sent by email (verification, password reset), kept only as hashes. */
@NullMarked
package com.chatbotsaas.auth.token;

import org.jspecify.annotations.NullMarked;
