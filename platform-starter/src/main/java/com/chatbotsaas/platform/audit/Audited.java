package com.chatbotsaas.platform.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the audited action of a controller method. Success emits one {@code <action>.success} event in the same
 * transaction as the change (the method runs inside it); any failure — invalid input, denied access, conflicts,
 * errors — emits one {@code <action>.failure} event in a transaction of its own.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

    /** {@code <resource>.<verb>}, e.g. {@code org.create}. */
    String action();

    /** The type of resource acted on, e.g. {@code organization}. */
    String resourceType() default "";
}
