package com.chatbotsaas.platform.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler whose response shows a secret once (tokens, a client or signing secret). The idempotency store never keeps
 * the secret: with field names, the response is kept with every JSON property of those names set to {@code null}, so a
 * replay confirms what was created without showing the secret again; with none, nothing is kept and a request with
 * the same {@code Idempotency-Key} runs again (right for logins and refreshes, which create nothing).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ShownOnce {

    /** The JSON property names that hold the secret, anywhere in the response; empty: keep nothing. */
    String[] value() default {};
}
