/** Statuses of the platform's resources as enums that know the statuses they may become. */
@NullMarked
package com.chatbotsaas.platform.core.status;

import org.jspecify.annotations.NullMarked;
