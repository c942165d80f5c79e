package com.chatbotsaas.platform.permission;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a controller method needs in the organization named by its {@code {orgId}} path variable. Checked
 * before the method runs; the caller's access is then available as {@link OrganizationAccess#current()}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresPermission {

    /** A permission of the catalog, e.g. {@code chatbots.write}. */
    String value();
}
