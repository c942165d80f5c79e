package com.chatbotsaas.gateway.client;

import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * A set of addresses and CIDR ranges (IPv4 and IPv6), matched by Spring Security's {@link IpAddressMatcher}. Matching
 * never resolves a host name: only IP literals reach the matcher.
 */
public final class Networks {

    private final List<IpAddressMatcher> ranges;

    private Networks(List<IpAddressMatcher> ranges) {
        this.ranges = ranges;
    }

    /** For example {@code 10.0.0.0/8}, {@code ::1/128}, {@code 192.0.2.7}. */
    public static Networks of(List<String> cidrs) {
        return new Networks(cidrs.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Networks::range)
                .toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether an IP literal lies in one of the networks; anything that is not an IP literal does not. */
    public boolean contains(@Nullable String address) {
        InetAddress parsed = parse(address);
        if (parsed == null) {
            return false;
        }
        String literal = parsed.getHostAddress();
        return ranges.stream().anyMatch(range -> range.matches(literal));
    }

    /** The normalized IP literal, or null when the text is not one. */
    static @Nullable String literal(@Nullable String text) {
        InetAddress parsed = parse(text);
        return parsed == null ? null : parsed.getHostAddress();
    }

    private static @Nullable InetAddress parse(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        try {
            // ofLiteral never consults DNS, unlike getByName.
            return candidate.isEmpty() ? null : InetAddress.ofLiteral(candidate);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static IpAddressMatcher range(String text) {
        int slash = text.indexOf('/');
        InetAddress address = parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + text);
        }
        String prefix = slash < 0 ? "" : text.substring(slash);
        if (!prefix.isEmpty() && !prefix.matches("/[0-9]{1,3}")) {
            throw new IllegalArgumentException("Bad prefix length: " + text);
        }
        try {
            return new IpAddressMatcher(address.getHostAddress() + prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad prefix length: " + text, e);
        }
    }
}
