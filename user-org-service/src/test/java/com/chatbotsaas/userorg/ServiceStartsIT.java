package com.chatbotsaas.userorg;

import com.chatbotsaas.platform.test.ServiceConventionsChecks;

class ServiceStartsIT extends ServiceConventionsChecks {}
