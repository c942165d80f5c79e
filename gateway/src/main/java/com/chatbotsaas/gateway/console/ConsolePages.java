package com.chatbotsaas.gateway.console;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Which requests are the console's: reading a page path or an asset, spelled plainly. */
public final class ConsolePages {

    /** Scripts from this origin only, no inline script or style, no framing, no plugins, forms and calls to here. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Letters, digits and {@code - . _ ~ /} only: an encoded or unusual spelling is never a page. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");

    private static final List<String> NOT_PAGES = List.of("/api", "/actuator", "/internal", "/widget.js");

    private ConsolePages() {}

    public static boolean isPage(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        String path = request.getPath().pathWithinApplication().value();
        // The prefixes first: every API call stops there, before the regular expression.
        for (String prefix : NOT_PAGES) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return false;
            }
        }
        return PLAIN_PATH.matcher(path).matches() && !path.contains("//") && !hasDotSegment(path);
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
