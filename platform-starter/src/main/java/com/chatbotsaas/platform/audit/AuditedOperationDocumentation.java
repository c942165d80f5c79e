package com.chatbotsaas.platform.audit;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Names the audited action of every {@link Audited} operation in the service's OpenAPI document, as the extensions
 * {@code x-audit-action} (and {@code x-audit-resource-type} when set): a client sees which calls leave an audit
 * record, success or failure, and which action to filter the audit logs by.
 */
class AuditedOperationDocumentation implements OperationCustomizer {

    static final String ACTION = "x-audit-action";
    static final String RESOURCE_TYPE = "x-audit-resource-type";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Audited audited = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(), Audited.class);
        if (audited != null) {
            operation.addExtension(ACTION, audited.action());
            if (!audited.resourceType().isEmpty()) {
                operation.addExtension(RESOURCE_TYPE, audited.resourceType());
            }
        }
        return operation;
    }
}
