package com.chatbotsaas.audit;

import com.chatbotsaas.platform.test.ServiceConventionsChecks;

class ServiceStartsIT extends ServiceConventionsChecks {}
