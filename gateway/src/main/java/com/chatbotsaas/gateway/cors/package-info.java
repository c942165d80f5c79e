/** Which browser origins may call the API: the console's configured origins, and any origin for the widget API. */
@NullMarked
package com.chatbotsaas.gateway.cors;

import org.jspecify.annotations.NullMarked;
