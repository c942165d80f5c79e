package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A website owner embeds the widget with one script tag on a page of their own origin, and a visitor chats with the
 * chatbot in a real browser: through the widget's window, and through {@code window.ChatbotWidget.send}.
 */
class WidgetBrowserIT {

    @Test
    void aVisitorOnAnotherWebsiteChatsThroughTheEmbeddedWidget() throws IOException {
        Suite suite = Suite.get();
        ApiClient gateway = ApiClient.at(suite.gatewayUrl());
        ApiClient owner = People.signUp(gateway, People.email("shop-owner"));
        String org = owner.post("/api/v1/organizations", Map.of("name", "Shop Co"))
                .data()
                .path("id")
                .asString();

        // The shop's website: a page on an origin of its own that carries the embed snippet.
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String siteOrigin = "http://127.0.0.1:" + site.getAddress().getPort();
        String key = activeBot(owner, org, siteOrigin);
        String page = """
                <!doctype html><html><head><title>Shop</title></head><body><h1>Welcome to the shop</h1>
                <script src="%s/widget.js" data-chatbot="%s"></script></body></html>
                """.formatted(suite.gatewayUrl(), key);
        site.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        try (Browser browser = Browser.open(siteOrigin)) {
            browser.visit(siteOrigin + "/");
            new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(d -> "object".equals(browser.script("return typeof window.ChatbotWidget")));

            // The visitor opens the chat window, reads the welcome, asks, and reads the answer.
            browser.script("document.querySelector('[data-chatbot-widget]').shadowRoot"
                    + ".querySelector('button.toggle').click()");
            awaitLog(browser, "Hello from the shop!");
            browser.script("const root = document.querySelector('[data-chatbot-widget]').shadowRoot;"
                    + "root.querySelector('input').value = 'where is my parcel';"
                    + "root.querySelector('form').requestSubmit();");
            awaitLog(browser, "Track it with the link in your email.");

            // The page's own scripts use the programmatic API: send resolves with the reply message.
            Object reply = ((JavascriptExecutor) browser.driver)
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "window.ChatbotWidget.send('when are you open?')"
                            + ".then(r => done(r.role + ':' + r.content), e => done('error:' + e.message));");
            assertThat(String.valueOf(reply)).isEqualTo("assistant:Every day from nine to five.");
        } finally {
            site.stop(0);
        }

        // The organization sees the widget's conversation, with both exchanges.
        ApiResult conversations = owner.get("/api/v1/organizations/" + org + "/chatbots/" + botId + "/conversations");
        assertThat(conversations.status()).isEqualTo(200);
        assertThat(conversations.data()).hasSize(1);
    }

    private String botId;

    private String activeBot(ApiClient owner, String org, String origin) {
        String bots = "/api/v1/organizations/" + org + "/chatbots";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Shop assistant");
        body.put("description", "Answers the shop's visitors");
        body.put("engine", Map.of("type", "knowledge", "language", "english"));
        body.put("welcome_message", "Hello from the shop!");
        body.put("fallback_message", "Sorry, I do not know that.");
        body.put("allowed_origins", List.of(origin));
        ApiResult created = owner.post(bots, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        botId = created.data().path("id").asString();
        for (String[] faq : new String[][] {
            {"Where is my parcel?", "Track it with the link in your email."},
            {"When are you open?", "Every day from nine to five."}
        }) {
            ApiResult added = owner.post(
                    bots + "/" + botId + "/knowledge", Map.of("type", "faq", "question", faq[0], "answer", faq[1]));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
        }
        ApiResult active = owner.patch(bots + "/" + botId, Map.of("status", "active"));
        assertThat(active.status()).as(active.toString()).isEqualTo(200);
        return created.data().path("public_key").asString();
    }

    private static void awaitLog(Browser browser, String text) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(40))
                .until(d -> browser.script("return document.querySelector('[data-chatbot-widget]')"
                                + ".shadowRoot.querySelector('.log').textContent")
                        .contains(text));
    }
}
