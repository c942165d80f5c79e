package com.chatbotsaas.notification;

import com.chatbotsaas.platform.test.ServiceConventionsChecks;
import org.springframework.test.annotation.DirtiesContext;

/** Its own context, closed afterwards, so that it never competes with the feature tests' context for work. */
@DirtiesContext
class ServiceStartsIT extends ServiceConventionsChecks {}
