package com.chatbotsaas.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The JVM's resolver in these tests (registered as a service): a name set up here answers one address on its first
 * lookup and another on every later one, as a DNS server run by an attacker would with a zero TTL; any other name goes
 * to the built-in resolver. The JVM's own address cache is off for these tests (surefire's {@code argLine}), else it
 * would hide the second answer for 30 seconds.
 */
public class RebindingDns extends InetAddressResolverProvider {

    private static final Map<String, Answers> NAMES = new ConcurrentHashMap<>();

    /** From now on {@code name} resolves to {@code first} once, then to {@code then}. */
    static void rebind(String name, String first, String then) {
        NAMES.put(name, new Answers(InetAddress.ofLiteral(first), InetAddress.ofLiteral(then), new AtomicInteger()));
    }

    /** How often {@code name} was looked up since {@link #rebind}. */
    static int lookups(String name) {
        Answers answers = NAMES.get(name);
        return answers == null ? 0 : answers.lookups().get();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                Answers answers = NAMES.get(host);
                if (answers == null) {
                    return builtin.lookupByName(host, policy);
                }
                return Stream.of(answers.lookups().getAndIncrement() == 0 ? answers.first() : answers.then());
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "rebinding test resolver";
    }

    private record Answers(InetAddress first, InetAddress then, AtomicInteger lookups) {}
}
