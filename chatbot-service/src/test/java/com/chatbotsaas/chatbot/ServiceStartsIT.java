package com.chatbotsaas.chatbot;

import com.chatbotsaas.platform.test.ServiceConventionsChecks;

class ServiceStartsIT extends ServiceConventionsChecks {}
