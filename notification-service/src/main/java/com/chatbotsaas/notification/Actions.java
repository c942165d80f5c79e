package com.chatbotsaas.notification;

/**
 * The name of every action this service audits or emits (and of its private messages), written once:
 * {@code @Audited(action = ...)} and {@code PlatformEvent.of}/{@code message} use these constants, never a literal.
 * platform-test's {@code ContractCoverageTest} checks that each is used and has its contract in {@code contracts/}.
 */
public final class Actions {

    /** One or all in-app notifications marked read. */
    public static final String NOTIFICATION_READ = "notification.read";

    /** A webhook registered. */
    public static final String WEBHOOK_CREATE = "webhook.create";

    /** A webhook changed, or its secret rotated. */
    public static final String WEBHOOK_UPDATE = "webhook.update";

    /** A webhook deleted. */
    public static final String WEBHOOK_DELETE = "webhook.delete";

    /** A webhook delivery sent again on request. */
    public static final String WEBHOOK_DELIVERY_REDELIVER = "webhook.delivery.redeliver";

    /** A webhook disabled after too many failed deliveries in a row. */
    public static final String WEBHOOK_DELIVERY_DISABLE = "webhook.delivery.disable";

    private Actions() {}
}
