/** What this service knows of organizations: their plan and limits as last seen, and whether they were deleted. */
@NullMarked
package com.chatbotsaas.chatbot.organization;

import org.jspecify.annotations.NullMarked;
