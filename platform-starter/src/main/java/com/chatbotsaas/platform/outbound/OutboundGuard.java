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
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The SSRF guard: a URL chosen by a tenant may only point at a public address. Every address its host resolves to is
 * checked — loopback, unspecified, link-local (cloud metadata), private, shared (carrier-grade NAT), unique-local,
 * multicast and reserved ranges are refused — unless the host or range is allow-listed in {@link OutboundProperties}.
 *
 * <p>{@link #check} resolves the name to vet a URL given as input. A call is different: {@link GuardedHttpClient}
 * resolves each name once through {@link #resolve} and connects only to the addresses that passed, so a name that
 * answers differently a moment later (DNS rebinding) cannot lead it elsewhere.
 */
public class OutboundGuard {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final Set<String> allowedNames;
    private final List<IpAddressMatcher> allowedRanges;

    public OutboundGuard(OutboundProperties properties) {
        var names = new java.util.HashSet<String>();
        var ranges = new ArrayList<IpAddressMatcher>();
        for (String entry : properties.allowedHosts()) {
            String value = entry.trim().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (isAddressOrRange(value)) {
                ranges.add(range(value));
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
        return validate(field, url, requireHttps, false).uri();
    }

    /**
     * Checks a URL saved for later calls: as {@link #validate(String, String, boolean)}, except that a host name that
     * does not resolve yet is accepted (and said so); literal private addresses and names that resolve to them are
     * still refused. Every later call checks the name again.
     */
    public Checked validateForLater(String field, String url, boolean requireHttps) {
        return validate(field, url, requireHttps, true);
    }

    /** A URL that passed the guard, and whether its host resolved when it was checked. */
    public record Checked(URI uri, boolean resolved) {}

    private Checked validate(String field, String url, boolean requireHttps, boolean unresolvedAllowed) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalid(field, "must be an absolute http(s) URL");
        }
        boolean resolved = true;
        try {
            check(uri);
        } catch (UnresolvedHostException e) {
            if (!unresolvedAllowed) {
                throw ApiException.invalid(field, e.getMessage());
            }
            resolved = false;
        } catch (OutboundRefusedException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
        if (requireHttps && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw ApiException.invalid(field, "must use https");
        }
        return new Checked(uri, resolved);
    }

    /** Checks a URL before it is called; throws {@link OutboundRefusedException} when it must not be. */
    public URI check(URI uri) {
        String name = checkTarget(uri);
        if (!allowedNames.contains(name)) {
            resolve(uri.getHost());
        }
        return uri;
    }

    /**
     * Checks a URL's scheme and host without resolving it, and its address when the host is an IP literal: a name's
     * addresses are checked when the client resolves it ({@link #resolve}). Answers the normalized host.
     */
    String checkTarget(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) || !uri.isAbsolute()) {
            throw new OutboundRefusedException("must be an absolute http(s) URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new OutboundRefusedException("must name a host");
        }
        String name = normalize(host);
        if (NUMERIC_HOST.matcher(name).matches()
                && !CANONICAL_IPV4.matcher(name).matches()) {
            // 2130706433, 0x7f000001, 0177.0.0.1, 127.1: forms that resolvers read differently (inet_aton reads them
            // as 127.0.0.1, Java as other addresses or none). Only the dotted-decimal form means one address to all.
            throw new OutboundRefusedException("must name a host or an IPv4 address in dotted-decimal form");
        }
        InetAddress literal = literal(name);
        if (literal != null && !allowedNames.contains(name)) {
            refuseRestricted(host, new InetAddress[] {literal});
        }
        return name;
    }

    /**
     * Resolves a host once and answers its addresses, all of which passed the guard (an allow-listed name's are not
     * checked); throws {@link OutboundRefusedException} when one of them must not be reached or the name does not
     * resolve. The caller connects to these addresses and no others.
     */
    InetAddress[] resolve(String host) {
        String name = normalize(host);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new UnresolvedHostException(host);
        }
        if (addresses.length == 0) {
            throw new UnresolvedHostException(host);
        }
        if (!allowedNames.contains(name)) {
            refuseRestricted(host, addresses);
        }
        return addresses;
    }

    private void refuseRestricted(String host, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (isRestricted(address) && !isAllowListed(address)) {
                throw new OutboundRefusedException("host " + host + " resolves to a private or reserved address");
            }
        }
    }

    private boolean isAllowListed(InetAddress address) {
        if (allowedNames.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String literal = address.getHostAddress();
        return allowedRanges.stream().anyMatch(range -> range.matches(literal));
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

    /** Whether an allow-list entry is an IP address or a CIDR range rather than a host name. */
    private static boolean isAddressOrRange(String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        return address.contains(":") || address.matches("[0-9.]+");
    }

    private static IpAddressMatcher range(String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        InetAddress parsed = literal(normalize(address));
        if (parsed == null) {
            throw new IllegalArgumentException("bad allowed host " + value);
        }
        String prefix = slash < 0 ? "" : value.substring(slash);
        try {
            return new IpAddressMatcher(parsed.getHostAddress() + prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad allowed host " + value, e);
        }
    }

    /** A host made of numbers only (decimal, octal or hex parts), as inet_aton reads an IPv4 address. */
    private static final java.util.regex.Pattern NUMERIC_HOST =
            java.util.regex.Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");

    private static final java.util.regex.Pattern CANONICAL_IPV4 = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

    /** The address an IP literal stands for, never asking DNS; null for a host name. */
    private static @Nullable InetAddress literal(String name) {
        try {
            return InetAddress.ofLiteral(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
