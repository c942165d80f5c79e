package com.chatbotsaas.audit;

/**
 * The name of every action this service audits or emits (and of its private messages), written once:
 * {@code @Audited(action = ...)} and {@code PlatformEvent.of}/{@code message} use these constants, never a literal.
 * platform-test's {@code ContractCoverageTest} checks that each is used and has its contract in {@code contracts/}.
 */
public final class Actions {

    /** An organization's audit log exported. */
    public static final String AUDIT_EXPORT = "audit.export";

    /** An organization's audit retention changed. */
    public static final String AUDIT_RETENTION_UPDATE = "audit.retention.update";

    private Actions() {}
}
