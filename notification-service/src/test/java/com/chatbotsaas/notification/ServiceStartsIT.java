package com.chatbotsaas.notification;

import com.chatbotsaas.platform.test.ServiceConventionsChecks;

class ServiceStartsIT extends ServiceConventionsChecks {}
