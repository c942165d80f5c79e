package com.chatbotsaas.gateway.docs;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service describes itself with its own address as the server ({@code http://localhost:8081}), which a client
 * cannot reach and must not call; through the gateway the document names the gateway instead, so that "Try it out"
 * in the Swagger UI goes through the front door like any client.
 *
 * <pre>
 * - OpenApiServers=/
 * </pre>
 */
@Component
class OpenApiServersGatewayFilterFactory
        extends AbstractGatewayFilterFactory<OpenApiServersGatewayFilterFactory.Config> {

    private final ModifyResponseBodyGatewayFilterFactory modifyResponseBody;
    private final JsonMapper json;

    OpenApiServersGatewayFilterFactory(ModifyResponseBodyGatewayFilterFactory modifyResponseBody, JsonMapper json) {
        super(Config.class);
        this.modifyResponseBody = modifyResponseBody;
        this.json = json;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("url");
    }

    @Override
    public GatewayFilter apply(Config config) {
        return modifyResponseBody.apply(new ModifyResponseBodyGatewayFilterFactory.Config()
                .setRewriteFunction(
                        String.class,
                        String.class,
                        // An answer without a body (a 204, an error with none) passes through as it is.
                        (exchange, body) -> body == null ? Mono.empty() : Mono.just(rewrite(body, config.getUrl()))));
    }

    private String rewrite(String body, String url) {
        try {
            JsonNode document = json.readTree(body);
            if (!(document instanceof ObjectNode object) || !object.has("openapi")) {
                return body;
            }
            object.putArray("servers").addObject().put("url", url).put("description", "API gateway");
            return json.writeValueAsString(object);
        } catch (JacksonException e) {
            return body;
        }
    }

    public static class Config {

        private String url = "/";

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }
    }
}
