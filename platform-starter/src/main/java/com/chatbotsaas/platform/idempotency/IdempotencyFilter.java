package com.chatbotsaas.platform.idempotency;

import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiError;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on POSTs (DESIGN §3): the first request with a key from a caller runs and its response is
 * kept for 24 h; the same key with the same request returns that response again ({@code Idempotent-Replayed: true})
 * and creates nothing; the same key with a different request is 422; while the first is still running, 409. Kept in
 * Redis; when Redis cannot be reached the request runs without the guarantee (and that is logged). Responses of 5xx
 * are not kept, so the client may retry with the same key.
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
        if (key == null || !VALID_KEY.matcher(key).matches()) {
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
        String fingerprint = sha256(
                request.getMethod() + " " + request.getRequestURI() + "\n" + new String(body, StandardCharsets.UTF_8));
        String redisKey = prefix + sha256(scope(request) + "|" + request.getRequestURI() + "|" + key);
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
            answerFromStore(redisKey, fingerprint, response);
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(replayable, wrapper);
            if (wrapper.getStatus() < 500) {
                String text = Base64.getEncoder().encodeToString(wrapper.getContentAsByteArray());
                redis.opsForValue()
                        .set(
                                redisKey,
                                write(new Stored(
                                        "done",
                                        fingerprint,
                                        wrapper.getStatus(),
                                        wrapper.getContentType(),
                                        wrapper.getHeader("Location"),
                                        text)),
                                ttl);
                kept = true;
            }
        } catch (RuntimeException e) {
            log.warn("Could not keep the response of an idempotent request", e);
        } finally {
            if (!kept) {
                forget(redisKey);
            }
            wrapper.copyBodyToResponse();
        }
    }

    private void answerFromStore(String redisKey, String fingerprint, HttpServletResponse response) throws IOException {
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
            response.getOutputStream().write(Base64.getDecoder().decode(stored.body()));
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
            return "token:" + sha256(token);
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        return "ip:" + (forwarded != null ? forwarded.split(",")[0].trim() : request.getRemoteAddr());
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

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
