package com.chatbotsaas.auth.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param accountCreators the services (Keycloak client ids) that may create accounts, acting as themselves */
@ConfigurationProperties("auth.internal")
record InternalApiProperties(
        @DefaultValue("user-org-service") List<String> accountCreators) {}
