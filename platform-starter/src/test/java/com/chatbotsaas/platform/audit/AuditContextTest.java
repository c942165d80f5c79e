package com.chatbotsaas.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class AuditContextTest {

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void refusesToBeUsedOutsideARequest() {
        RequestContextHolder.resetRequestAttributes();

        assertThatThrownBy(AuditContext::current)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside an HTTP request")
                .hasMessageContaining("PlatformEvent.of");
    }

    @Test
    void collectsWhatOneRequestSaysInOnePlace() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));

        AuditContext.current().resourceId(42).data("name", "Acme").data("absent", null);
        AuditContext.current().change("plan", "free", "pro");

        AuditContext context = AuditContext.current();
        assertThat(context.resourceId()).isEqualTo("42");
        assertThat(context.data()).isEqualTo(Map.of("name", "Acme"));
        assertThat(context.changes()).isEqualTo(Map.of("plan", Arrays.asList("free", "pro")));
    }

    @Test
    void eachRequestStartsWithAnEmptyContext() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        AuditContext.current().resourceId("first");

        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));

        assertThat(AuditContext.current().resourceId()).isNull();
        assertThat(AuditContext.current().data()).isEmpty();
    }
}
