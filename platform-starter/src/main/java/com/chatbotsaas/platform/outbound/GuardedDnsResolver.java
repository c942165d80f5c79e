package com.chatbotsaas.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The only way {@link GuardedHttpClient} turns a name into addresses: one lookup, checked by the {@link OutboundGuard},
 * and the client connects to what passed. A refusal travels as an {@link UnknownHostException} (what the connection
 * code expects from a resolver, and releases its resources for) and is unwrapped by the client.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final OutboundGuard guard;

    GuardedDnsResolver(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return guard.resolve(host);
        } catch (OutboundRefusedException e) {
            throw new Refused(e);
        }
    }

    /** No reverse lookup: nothing here needs the canonical name, and it would be one more answer to trust. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** The guard's refusal, carried through the client's connection code. */
    static final class Refused extends UnknownHostException {

        private final OutboundRefusedException refusal;

        Refused(OutboundRefusedException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }

        OutboundRefusedException refusal() {
            return refusal;
        }
    }
}
