package com.chatbotsaas.auth;

import com.chatbotsaas.platform.test.ServiceConventionsChecks;

class ServiceStartsIT extends ServiceConventionsChecks {}
