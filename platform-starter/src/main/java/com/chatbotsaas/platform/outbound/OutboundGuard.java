package com.chatbotsaas.platform.outbound;

import com.chatbotsaas.platform.web.ApiException;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard: a URL chosen by a tenant may only point at a public address. Every address its host resolves to is
 * checked — loopback, unspecified, link-local (cloud metadata), private, shared (carrier-grade NAT), unique-local,
 * multicast and reserved ranges are refused — unless the host or range is allow-listed in {@link OutboundProperties}.
 *
 * <p>The check resolves the name itself; a name that resolves differently a moment later (DNS rebinding) is caught
 * only when the client checks each connection it makes, which {@link GuardedHttpClient} does per hop, not per socket.
 */
public class OutboundGuard {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final Set<String> allowedNames;
    private final List<Cidr> allowedRanges;

    public OutboundGuard(OutboundProperties properties) {
        var names = new java.util.HashSet<String>();
        var ranges = new ArrayList<Cidr>();
        for (String entry : properties.allowedHosts()) {
            String value = entry.trim().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            Cidr range = Cidr.parse(value);
            if (range != null) {
                ranges.add(range);
            } else {
                names.add(value);
            }
        }
        this.allowedNames = Set.copyOf(names);
        this.allowedRanges = List.copyOf(ranges);
    }

    /**
     * Checks a URL given as input: answers the parsed URI, or a 422 naming {@code field} with the reason.
     *
     * @param requireHttps whether plain {@code http} is refused too
     */
    public URI validate(String field, String url, boolean requireHttps) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalid(field, "must be an absolute http(s) URL");
        }
        try {
            check(uri);
        } catch (OutboundRefusedException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
        if (requireHttps && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw ApiException.invalid(field, "must use https");
        }
        return uri;
    }

    /** Checks a URL before it is called; throws {@link OutboundRefusedException} when it must not be. */
    public URI check(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) || !uri.isAbsolute()) {
            throw new OutboundRefusedException("must be an absolute http(s) URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new OutboundRefusedException("must name a host");
        }
        String name = normalize(host);
        if (allowedNames.contains(name)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isRestricted(address) && !isAllowListed(address)) {
                throw new OutboundRefusedException("host " + host + " resolves to a private or reserved address");
            }
        }
        return uri;
    }

    private boolean isAllowListed(InetAddress address) {
        if (allowedNames.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (Cidr range : allowedRanges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** Whether an address is anything but a public unicast one. */
    static boolean isRestricted(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // this network
                    || (first == 100 && second >= 64 && second <= 127) // shared address space (CGNAT)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
                return true;
            }
            if (isIpv4Embedded(b)) { // ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d
                try {
                    return isRestricted(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIpv4Embedded(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff));
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        return mapped || nat64;
    }

    /** An address range in CIDR notation, or a single address. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String value) {
            int slash = value.indexOf('/');
            String addressPart = slash < 0 ? value : value.substring(0, slash);
            if (!addressPart.contains(":") && !addressPart.matches("[0-9.]+")) {
                return null; // a host name
            }
            try {
                byte[] network = InetAddress.getByName(normalize(addressPart)).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(value.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("bad prefix in allowed host " + value);
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("bad allowed host " + value, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
