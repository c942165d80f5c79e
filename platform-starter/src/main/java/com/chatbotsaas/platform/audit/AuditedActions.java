package com.chatbotsaas.platform.audit;

import com.chatbotsaas.platform.events.EventPublisher;
import com.chatbotsaas.platform.web.ApiExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Emits the audit event of every {@link Audited} request. Success: the controller method runs in a transaction and
 * the event joins it, so change and event commit together. Failure — including input rejected before the method runs
 * — is seen when the request completes and emitted in a transaction of its own, after the change rolled back.
 *
 * <p>A plain Spring AOP interceptor on an annotation-matching pointcut rather than an AspectJ aspect: matching
 * {@code @annotation(...)} through AspectJ reads every bean's class file at start, and was about a sixth of a
 * service's start-up.
 */
class AuditedActions implements HandlerInterceptor, MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditedActions.class);
    private static final String AUDITED = AuditedActions.class.getName() + ".audited";

    private final EventPublisher publisher;
    private final TransactionTemplate transactions;
    private final AuditEventFactory events;

    AuditedActions(EventPublisher publisher, TransactionTemplate transactions, AuditEventFactory events) {
        this.publisher = publisher;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        HttpServletRequest request = currentRequest();
        Method method = invocation.getMethod();
        Audited audited = AnnotatedElementUtils.findMergedAnnotation(method, Audited.class);
        if (request == null || audited == null) {
            return invocation.proceed();
        }
        try {
            Object result = transactions.execute(status -> {
                Object value = proceed(invocation);
                publisher.publish(events.create(
                        audited, "success", successStatus(value, method), null, AuditContext.current(), request));
                return value;
            });
            // Only once committed: a failed commit is a failure and is audited as one.
            request.setAttribute(AUDITED, Boolean.TRUE);
            return result;
        } catch (Wrapped wrapped) {
            throw wrapped.getCause();
        }
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (!(handler instanceof HandlerMethod method) || request.getAttribute(AUDITED) != null) {
            return;
        }
        Audited audited = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Audited.class);
        if (audited == null) {
            return;
        }
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        Object errorCode = request.getAttribute(ApiExceptionHandler.ERROR_CODE_ATTRIBUTE);
        try {
            transactions.executeWithoutResult(tx -> publisher.publish(events.create(
                    audited,
                    "failure",
                    status,
                    errorCode == null ? null : errorCode.toString(),
                    AuditContext.current(),
                    request)));
        } catch (RuntimeException e) {
            // The response is already committed; the failure is logged with its request id rather than lost silently.
            log.error("Could not record failure audit event for {}", audited.action(), e);
        }
    }

    private static @Nullable Object proceed(MethodInvocation invocation) {
        try {
            return invocation.proceed();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new Wrapped(t);
        }
    }

    private static int successStatus(@Nullable Object result, Method method) {
        if (result instanceof ResponseEntity<?> entity) {
            return entity.getStatusCode().value();
        }
        ResponseStatus status = AnnotatedElementUtils.findMergedAnnotation(method, ResponseStatus.class);
        return status != null ? status.code().value() : HttpStatus.OK.value();
    }

    private static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }

    /** Carries a checked exception through the transaction callback. */
    private static final class Wrapped extends RuntimeException {
        Wrapped(Throwable cause) {
            super(cause);
        }
    }
}
