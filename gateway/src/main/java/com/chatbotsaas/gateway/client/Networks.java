package com.chatbotsaas.gateway.client;

import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A set of addresses and CIDR ranges (IPv4 and IPv6). Matching never resolves a host name. */
public final class Networks {

    private final List<Cidr> ranges;

    private Networks(List<Cidr> ranges) {
        this.ranges = ranges;
    }

    /** For example {@code 10.0.0.0/8}, {@code ::1/128}, {@code 192.0.2.7}. */
    public static Networks of(List<String> cidrs) {
        return new Networks(cidrs.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Cidr::parse)
                .toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether an IP literal lies in one of the networks; anything that is not an IP literal does not. */
    public boolean contains(@Nullable String address) {
        InetAddress parsed = parse(address);
        return parsed != null && ranges.stream().anyMatch(range -> range.contains(parsed.getAddress()));
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

    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = Networks.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("Not an address or CIDR range: " + text);
            }
            byte[] bytes = address.getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("Bad prefix length: " + text);
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
