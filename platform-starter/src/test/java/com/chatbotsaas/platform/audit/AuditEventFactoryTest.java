package com.chatbotsaas.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.events.PlatformEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

class AuditEventFactoryTest {

    private static final String ORG = "019a8f2e-7c2d-7000-8000-000000000001";

    private final AuditEventFactory events = new AuditEventFactory("test-service");

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theOrganizationInThePathOwnsTheEvent() {
        MockHttpServletRequest request = requestWithPath(Map.of("orgId", ORG, "botId", "42"));

        PlatformEvent event = failure(request);

        assertThat(event.extension("orgid")).isEqualTo(ORG);
        assertThat(event.data()).isEqualTo(Map.of("resource_type", "chatbot", "resource_id", "42"));
    }

    @Test
    void aMalformedOrganizationIdInThePathNamesNoOrganization() {
        // audit-service refuses an orgid that is not a uuid: the failure would never reach the audit trail.
        MockHttpServletRequest request = requestWithPath(Map.of("orgId", "not-a-uuid"));

        PlatformEvent event = failure(request);

        assertThat(event.extensions()).doesNotContainKey("orgid").containsEntry("statuscode", 404);
    }

    private PlatformEvent failure(MockHttpServletRequest request) {
        return events.create(Things.AUDITED, "failure", 404, "NOT_FOUND", AuditContext.current(), request);
    }

    private static MockHttpServletRequest requestWithPath(Map<String, String> variables) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }

    private static final class Things {

        static final Audited AUDITED;

        static {
            try {
                AUDITED = Things.class.getDeclaredMethod("delete").getAnnotation(Audited.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        @Audited(action = "chatbot.delete", resourceType = "chatbot")
        void delete() {}
    }
}
