package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A website owner builds a chatbot in the console and puts it on their site, as a person would in a real browser:
 * a webhook for the chatbot's events (its secret shown once), a chatbot with two questions and answers, a try in the
 * console whose reply streams in, the embed snippet copied from the console onto a page of the shop's own origin. A
 * visitor there chats through the widget's window and through {@code window.ChatbotWidget}, and finds the conversation
 * again after a reload; the same page served from an origin the chatbot does not allow gets a clear refusal. Back in
 * the console, the audit log shows what happened and its chain verifies.
 *
 * <p>The shop's site is one local server reached under two names: {@code 127.0.0.1} (an allowed origin) and
 * {@code localhost} (another origin, not allowed).
 */
class WidgetBrowserIT {

    private static final String WIDGET = "document.querySelector('[data-chatbot-widget]').shadowRoot";

    @Test
    void anOwnerBuildsAChatbotInTheConsoleAndAVisitorChatsOnTheirWebsite() throws IOException {
        Suite suite = Suite.get();
        ApiClient gateway = ApiClient.at(suite.gatewayUrl());
        String email = People.email("shop-owner");
        ApiClient owner = People.signUp(gateway, email);
        String org = owner.post("/api/v1/organizations", Map.of("name", "Shop Co"))
                .data()
                .path("id")
                .asString();

        AtomicReference<String> page = new AtomicReference<>("<!doctype html><title>Shop</title>");
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        int port = site.getAddress().getPort();
        String shop = "http://127.0.0.1:" + port;
        String elsewhere = "http://localhost:" + port;

        try (Browser browser = Browser.open(suite.gatewayUrl())) {
            browser.visit("/login?next=" + "/organizations/" + org + "/webhooks");
            browser.type("#field-email", email);
            browser.type("#field-password", People.PASSWORD);
            browser.click("#login-form button[type=submit]");

            // A webhook for the chatbot's events; its signing secret is shown once.
            browser.heading("Webhooks");
            browser.type("#webhook-form #field-url", shop + "/hooks");
            browser.type("#webhook-form #field-event_types", "chatbot.*");
            browser.click("#webhook-form button[type=submit]");
            browser.heading("Webhook");
            assertThat(browser.text("#webhook-secret")).startsWith("whsec_");

            // A chatbot that answers from its knowledge, allowed on the shop's origin only.
            browser.visit("/organizations/" + org + "/chatbots");
            browser.heading("Chatbots");
            browser.type("#chatbot-form #field-name", "Shop assistant");
            browser.type("#chatbot-form #field-welcome_message", "Hello from the shop!");
            browser.type("#chatbot-form #field-fallback_message", "Sorry, I do not know that.");
            browser.type("#chatbot-form #field-allowed_origins", shop);
            browser.click("#chatbot-form button[type=submit]");
            browser.heading("Shop assistant");
            addFaq(browser, "Where is my parcel?", "Track it with the link in your email.");
            addFaq(browser, "When are you open?", "Every day from nine to five.");
            browser.textContains("#knowledge", "When are you open?");
            browser.click("[data-status=active]");
            browser.textContains("#chatbot-state", "status active");

            // Tried in the console: the reply streams in over server-sent events, and can be rated.
            browser.type("#try-form #field-content", "where is my parcel");
            browser.click("#try-form button[type=submit]");
            browser.textContains("#try-log", "Track it with the link in your email.");
            browser.click("#try-log [aria-label='Good answer']");
            browser.textContains("#try-log", "Thanks for the feedback.");
            browser.screenshot("console-chatbot");
            String snippet = browser.text("#embed-snippet");
            assertThat(snippet).startsWith("<script src=\"" + suite.gatewayUrl() + "/widget.js\" data-chatbot=\"");

            // The shop's page carries the snippet as the console gave it.
            page.set("<!doctype html><html><head><title>Shop</title></head><body><h1>Welcome to the shop</h1>" + snippet
                    + "</body></html>");
            browser.visit(shop + "/");
            awaitWidget(browser);
            browser.script(WIDGET + ".querySelector('button.toggle').click()");
            awaitLog(browser, "Hello from the shop!");
            browser.script("const root = " + WIDGET + ";"
                    + "root.querySelector('input').value = 'where is my parcel';"
                    + "root.querySelector('form').requestSubmit();");
            awaitLog(browser, "Track it with the link in your email.");

            // The page's own scripts use the programmatic API: send resolves with the reply message.
            Object reply = ((JavascriptExecutor) browser.driver)
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "window.ChatbotWidget.send('when are you open?')"
                            + ".then(r => done(r.role + ':' + r.content), e => done('error:' + e.message));");
            assertThat(String.valueOf(reply)).isEqualTo("assistant:Every day from nine to five.");
            browser.screenshot("widget");

            // A reload in the same tab finds the same conversation.
            browser.driver.navigate().refresh();
            awaitWidget(browser);
            browser.script(WIDGET + ".querySelector('button.toggle').click()");
            awaitLog(browser, "Every day from nine to five.");

            // The same page on an origin the chatbot does not allow: the visitor is told, nothing is opened.
            browser.visit(elsewhere + "/");
            awaitWidget(browser);
            browser.script(WIDGET + ".querySelector('button.toggle').click()");
            awaitLog(browser, "This chat is not available on this website.");

            // Two conversations in all: the console's try, and the widget's one, kept across the reload.
            String bots = "/api/v1/organizations/" + org + "/chatbots";
            String botId = owner.get(bots).data().get(0).path("id").asString();
            assertThat(owner.get(bots + "/" + botId + "/conversations").data()).hasSize(2);

            // The audit log in the console: the owner's actions, and a chain that verifies.
            browser.visit("/organizations/" + org + "/audit");
            browser.heading("Audit log");
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> {
                if (browser.text("#audit-log").contains("knowledge.create")) {
                    return true;
                }
                d.findElement(By.cssSelector("#audit-filters button[type=submit]"))
                        .click();
                return false;
            });
            assertThat(browser.text("#audit-log")).contains("chatbot.create", "webhook.create", "chatbot.update");
            browser.click("#verify-chain");
            browser.textContains("#verify-outcome", "Valid:");
            browser.screenshot("console-audit");
        } finally {
            site.stop(0);
        }
    }

    private static void addFaq(Browser browser, String question, String answer) {
        browser.type("#faq-form #field-question", question);
        browser.type("#faq-form #field-answer", answer);
        browser.click("#faq-form button[type=submit]");
        browser.textContains("#knowledge", question);
    }

    private static void awaitWidget(Browser browser) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> "object".equals(browser.script("return typeof window.ChatbotWidget")));
    }

    private static void awaitLog(Browser browser, String text) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(40))
                .until(d -> browser.script("return " + WIDGET + ".querySelector('.log').textContent")
                        .contains(text));
    }
}
