package com.chatbotsaas.platform.data;

import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562) for new rows: they index like sequences and sort by creation. The services'
 * entry point to the one generator in platform-core, which the gateway shares; monotonic within a millisecond.
 */
public final class Uuids {

    private Uuids() {}

    public static UUID v7() {
        return com.chatbotsaas.platform.core.id.Uuids.v7();
    }
}
