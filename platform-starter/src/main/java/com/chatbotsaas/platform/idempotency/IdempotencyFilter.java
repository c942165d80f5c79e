package com.chatbotsaas.platform.idempotency;

import com.chatbotsaas.platform.crypto.Hashes;
import com.chatbotsaas.platform.crypto.SecretBox;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiError;
import com.chatbotsaas.platform.web.ClientIps;
import com.chatbotsaas.platform.web.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Idempotency-Key} on POSTs (docs/api-conventions.md): the first request with a key from a caller runs and its response is
 * kept for 24 h; the same key with the same request returns that response again ({@code Idempotent-Replayed: true})
 * and creates nothing; the same key with a different request is 422; while the first is still running, 409. Kept in
 * Redis, encrypted and fingerprinted with keys derived from the Idempotency-Key; when Redis cannot be reached the
 * request runs without the guarantee (and that is logged). Server errors and refusals that can change are not kept, so
 * the client may retry with the same key. Secrets shown once are never kept ({@link ShownOnce}).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int MAX_BODY = 1024 * 1024;
    private static final String PROCESSING = "processing";

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String prefix;
    private final Duration ttl;
    private final Duration lockTtl;

    public IdempotencyFilter(
            StringRedisTemplate redis, JsonMapper json, String serviceName, Duration ttl, Duration lockTtl) {
        this.redis = redis;
        this.json = json;
        this.prefix = "platform:idempotency:" + serviceName + ":";
        this.ttl = ttl;
        this.lockTtl = lockTtl;
    }

    /** What is kept of a first response. */
    record Stored(
            String state,
            String fingerprint,
            int status,
            @Nullable String contentType,
            @Nullable String location,
            @Nullable String body) {}

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            reject(
                    response,
                    ErrorCode.VALIDATION_ERROR,
                    "The given data was invalid",
                    Map.of("idempotency_key", List.of("must be 1 to 255 visible ASCII characters")));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            reject(response, ErrorCode.PAYLOAD_TOO_LARGE, "The request is too large", Map.of());
            return;
        }
        String scope = scope(request);
        String redisKey = prefix + Hashes.sha256Hex(scope + "|" + request.getRequestURI() + "|" + key);
        // Keyed by the Idempotency-Key, which Redis never holds: what is kept reveals neither the request (passwords)
        // nor the response (tokens, secrets shown once) to someone who can read Redis.
        byte[] secret = Hashes.hmacSha256(key.getBytes(StandardCharsets.UTF_8), scope.getBytes(StandardCharsets.UTF_8));
        String fingerprint = Hashes.hmacSha256Hex(
                secret, concat((request.getMethod() + " " + request.getRequestURI() + "\n"), body));
        SecretBox box = SecretBox.of(secret, "the Idempotency-Key");
        HttpServletRequest replayable = new CachedBodyRequest(request, body);

        Boolean claimed;
        try {
            claimed = redis.opsForValue()
                    .setIfAbsent(redisKey, write(new Stored(PROCESSING, fingerprint, 0, null, null, null)), lockTtl);
        } catch (RuntimeException e) {
            log.warn("Idempotency store unavailable; the request runs without its guarantee", e);
            chain.doFilter(replayable, response);
            return;
        }
        if (!Boolean.TRUE.equals(claimed)) {
            answerFromStore(redisKey, fingerprint, box, response);
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(replayable, wrapper);
            ShownOnce shownOnce = shownOnce(request);
            if (isFinal(wrapper.getStatus()) && (shownOnce == null || shownOnce.value().length > 0)) {
                byte[] content = wrapper.getContentAsByteArray();
                byte[] keptContent = shownOnce == null ? content : withoutSecrets(content, shownOnce.value());
                kept = keptContent != null && keep(redisKey, box, fingerprint, wrapper, keptContent);
            }
        } finally {
            if (!kept) {
                forget(redisKey);
            }
            wrapper.copyBodyToResponse();
        }
    }

    /**
     * Whether the same request would be answered the same way later: successes and rejected input are; refusals that
     * can change (401, 403, 408, 409, 429: a role granted, a quota renewed) and server errors are not kept, so a retry
     * with the same key runs again.
     */
    private static boolean isFinal(int status) {
        return status < 400 || status == 400 || status == 404 || status == 413 || status == 422;
    }

    /** The {@link ShownOnce} of the handler that answered, if any. */
    private static @Nullable ShownOnce shownOnce(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                ? handler.getMethodAnnotation(ShownOnce.class)
                : null;
    }

    /** The JSON body with the named properties nulled wherever they are; null when the body is not JSON. */
    private byte @Nullable [] withoutSecrets(byte[] content, String[] fields) {
        JsonNode tree;
        try {
            tree = json.readTree(content);
        } catch (JacksonException e) {
            return null;
        }
        redact(tree, Set.of(fields));
        return json.writeValueAsBytes(tree);
    }

    private static void redact(JsonNode node, Set<String> names) {
        if (node instanceof ObjectNode object) {
            for (String name : names) {
                if (object.has(name)) {
                    object.putNull(name);
                }
            }
        }
        for (JsonNode child : node) {
            redact(child, names);
        }
    }

    private boolean keep(
            String redisKey, SecretBox box, String fingerprint, ContentCachingResponseWrapper wrapper, byte[] content) {
        String body = box.encrypt(Base64.getEncoder().encodeToString(content));
        Stored stored = new Stored(
                "done",
                fingerprint,
                wrapper.getStatus(),
                wrapper.getContentType(),
                wrapper.getHeader("Location"),
                body);
        try {
            redis.opsForValue().set(redisKey, write(stored), ttl);
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not keep the response of an idempotent request; a retry runs it again", e);
            return false;
        }
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] first = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(first, first.length + body.length);
        System.arraycopy(body, 0, all, first.length, body.length);
        return all;
    }

    private void answerFromStore(String redisKey, String fingerprint, SecretBox box, HttpServletResponse response)
            throws IOException {
        String value = redis.opsForValue().get(redisKey);
        Stored stored = value == null ? null : json.readValue(value, Stored.class);
        if (stored == null) {
            reject(response, ErrorCode.CONFLICT, "A request with this Idempotency-Key is still in progress", Map.of());
            return;
        }
        if (!stored.fingerprint().equals(fingerprint)) {
            reject(
                    response,
                    ErrorCode.VALIDATION_ERROR,
                    "The given data was invalid",
                    Map.of("idempotency_key", List.of("was already used with a different request")));
            return;
        }
        if (PROCESSING.equals(stored.state())) {
            reject(response, ErrorCode.CONFLICT, "A request with this Idempotency-Key is still in progress", Map.of());
            return;
        }
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        response.setHeader(REPLAYED, "true");
        if (stored.body() != null) {
            response.getOutputStream().write(Base64.getDecoder().decode(box.decrypt(stored.body())));
        }
    }

    private void forget(String redisKey) {
        try {
            redis.delete(redisKey);
        } catch (RuntimeException e) {
            log.warn("Could not release an idempotency key; it expires in {}", lockTtl, e);
        }
    }

    /** The same caller: the token's subject, else (public routes) the conversation token or the client address. */
    private static String scope(HttpServletRequest request) {
        Caller caller = Caller.currentOrNull();
        if (caller != null) {
            return "sub:" + caller.id();
        }
        String token = request.getHeader("X-Conversation-Token");
        if (token != null) {
            return "token:" + Hashes.sha256Hex(token);
        }
        return "ip:" + ClientIps.of(request);
    }

    private void reject(HttpServletResponse response, ErrorCode code, String message, Map<String, List<String>> errors)
            throws IOException {
        response.setStatus(code.status().value());
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(ApiError.of(code, message, errors)));
    }

    private String write(Stored stored) {
        return json.writeValueAsString(stored);
    }

    /** The request with its body read once and served again to whatever reads it next. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
