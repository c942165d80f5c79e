package com.chatbotsaas.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Operation;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

class AuditedOperationDocumentationTest {

    @Test
    void anAuditedOperationNamesItsActionAndResourceType() throws NoSuchMethodException {
        Operation operation = new AuditedOperationDocumentation().customize(new Operation(), handler("create"));

        assertThat(operation.getExtensions())
                .containsEntry("x-audit-action", "thing.create")
                .containsEntry("x-audit-resource-type", "thing");
    }

    @Test
    void anAuditedOperationWithoutResourceTypeNamesOnlyItsAction() throws NoSuchMethodException {
        Operation operation = new AuditedOperationDocumentation().customize(new Operation(), handler("rotate"));

        assertThat(operation.getExtensions()).containsOnlyKeys("x-audit-action");
    }

    @Test
    void aReadIsLeftAsItIs() throws NoSuchMethodException {
        Operation operation = new AuditedOperationDocumentation().customize(new Operation(), handler("list"));

        assertThat(operation.getExtensions()).isNull();
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Things(), Things.class.getDeclaredMethod(name));
    }

    static class Things {

        @Audited(action = "thing.create", resourceType = "thing")
        void create() {}

        @Audited(action = "thing.rotate")
        void rotate() {}

        void list() {}
    }
}
