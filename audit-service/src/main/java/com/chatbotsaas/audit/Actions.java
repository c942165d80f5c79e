package com.chatbotsaas.audit;

/**
 * The name of every action audit-service audits or emits, and of its private messages: {@code @Audited(action = ...)} and
 * {@code PlatformEvent.of}/{@code message} use these, never a literal. Each has its contract in {@code contracts/}
 * (ContractCoverageTest checks both).
 */
public final class Actions {

    /** An organization's audit log exported. */
    public static final String AUDIT_EXPORT = "audit.export";

    /** An organization's audit retention changed. */
    public static final String AUDIT_RETENTION_UPDATE = "audit.retention.update";

    private Actions() {}
}
