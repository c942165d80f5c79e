package com.chatbotsaas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** What a real Tomcat refuses itself, or lets the application find out too late, is answered with the envelope. */
class TomcatRefusalsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static WebServer server;

    @RestController
    static class Things {
        @GetMapping("/api/v1/things")
        String list(@RequestParam(required = false) String cursor) {
            return "cursor " + cursor;
        }
    }

    @EnableWebMvc
    static class Mvc {}

    @BeforeAll
    static void tomcatWithTheErrorEnvelope() {
        AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
        context.register(Mvc.class, Things.class, ApiExceptionHandler.class);
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        new TomcatErrorEnvelope().customize(factory);
        server = factory.getWebServer(servletContext -> {
            context.setServletContext(servletContext);
            context.refresh();
            servletContext
                    .addServlet("dispatcher", new DispatcherServlet(context))
                    .addMapping("/");
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aQueryParameterThatIsNotUtf8IsAMalformedRequest() throws Exception {
        HttpResponse<String> response = get("/api/v1/things?cursor=%C3%28");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"success\":false").contains("MALFORMED_REQUEST");
    }

    @Test
    void aPathTomcatCannotDecodeIsAnsweredWithTheEnvelopeNotAnHtmlPage() throws Exception {
        HttpResponse<String> response = get("/api/v1/things/%FF%FE");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body())
                .doesNotContain("<html")
                .contains("\"success\":false")
                .contains("\"error_code\":\"MALFORMED_REQUEST\"")
                .contains("\"request_id\":\"caller-id-1\"");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                        .header(RequestIds.HEADER, "caller-id-1")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
