package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A person in a real browser follows every link the suite emails them, on the console the gateway serves: register,
 * verify the address from its link, sign in, create an organization, accept an invitation from its link (signing in
 * first and coming back to it), and choose a new password from the reset link. A reload keeps them signed in through
 * an HttpOnly cookie that the page's scripts cannot read. Every link is taken from the email itself, as the person
 * receives it from notification-service over SMTP.
 */
class ConsoleBrowserIT {

    private static final String NEW_PASSWORD = "a brand new password";

    @Test
    void aPersonFollowsEveryEmailedLinkInABrowser() {
        Suite suite = Suite.get();
        ApiClient gateway = ApiClient.at(suite.gatewayUrl());
        String email = People.email("grace");

        try (Browser browser = Browser.open(suite.gatewayUrl())) {
            // Register in the browser; the verification link arrives by email.
            browser.visit("/register");
            browser.heading("Create an account");
            browser.type("#field-name", "Grace Hopper");
            browser.type("#field-email", email);
            browser.type("#field-password", People.PASSWORD);
            browser.type("#field-password_confirmation", People.PASSWORD);
            browser.click("#register-form button[type=submit]");
            browser.heading("Check your inbox");
            browser.visit(emailed(email, "/email/verify", suite));
            browser.heading("Email verified");
            // The welcome email's link opens the sign-in page.
            browser.visit(emailed(email, "/login", suite));
            browser.heading("Sign in");

            // A wrong password is answered next to the form, in the API's words.
            browser.clickLink("Sign in");
            browser.heading("Sign in");
            browser.type("#field-email", email);
            browser.type("#field-password", "not the password");
            browser.click("#login-form button[type=submit]");
            browser.textContains("#login-form-error", "Invalid credentials");

            browser.type("#field-password", People.PASSWORD);
            browser.click("#login-form button[type=submit]");
            browser.pathIs("/organizations");
            browser.textContains("#organizations", "not a member");
            browser.type("#organization-form #field-name", "Browser Co");
            browser.click("#organization-form button[type=submit]");
            browser.heading("Browser Co");
            browser.textContains("#members", email);
            // A reload keeps the person signed in: the page asks for a new access token with its HttpOnly cookie,
            // which page scripts cannot read.
            browser.driver.navigate().refresh();
            browser.heading("Browser Co");
            assertThat(browser.script("return document.cookie")).doesNotContain("refresh_token");

            // The owner invites a teammate from the organization page; the invitation waits in its list.
            String teammate = People.email("teammate");
            browser.type("#invite-form #field-email", teammate);
            browser.click("#invite-form button[type=submit]");
            browser.textContains("#invitations", teammate);

            // A custom role made of the permission catalog, and an API client whose secret is shown once.
            browser.clickLink("Roles");
            browser.heading("Roles");
            browser.type("#role-form #field-name", "support");
            browser.click("#role-form input[value='chatbots.read']");
            browser.click("#role-form input[value='conversations.read']");
            browser.click("#role-form button[type=submit]");
            browser.textContains("#roles", "support");
            browser.textContains("#roles", "chatbots.read, conversations.read");
            browser.clickLink("API clients");
            browser.heading("API clients");
            browser.type("#api-client-form #field-name", "Nightly export");
            browser.click("#api-client-form button[type=submit]");
            browser.textContains("#api-clients", "Nightly export");
            assertThat(browser.text("#created-secret")).isNotBlank();
            browser.driver.navigate().refresh();
            browser.heading("API clients");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.id("created-secret")))
                    .isEmpty();

            // The in-app notifications, with their unread count in the navigation bar.
            browser.click("#notifications-link");
            browser.heading("Notifications");
            browser.textContains("#unread-summary", "unread");

            // Their account page lists where they are signed in, this browser included.
            browser.click("#signed-in-as");
            browser.heading("Your account");
            browser.textContains("#sessions", "This browser");

            // Someone else invites them; the emailed link opens the console's invitation page.
            ApiClient alice = People.signUp(gateway, People.email("alice"));
            String aliceOrg = alice.post("/api/v1/organizations", Map.of("name", "Alice Co"))
                    .data()
                    .path("id")
                    .asString();
            ApiResult invited = alice.post(
                    "/api/v1/organizations/" + aliceOrg + "/invitations", Map.of("email", email, "role", "member"));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            browser.click("#sign-out");
            browser.heading("Sign in");
            browser.visit(emailed(email, "/invitations/", suite));
            // Not signed in (a fresh page load): sign in first, then back to the invitation.
            browser.heading("Sign in");
            browser.type("#field-email", email);
            browser.type("#field-password", People.PASSWORD);
            browser.click("#login-form button[type=submit]");
            browser.heading("Join an organization");
            browser.click("#accept-form button[type=submit]");
            browser.heading("Alice Co");
            browser.pathIs("/organizations/" + aliceOrg);
            browser.textContains("#members", email);

            // Forgotten password: the emailed link lets them choose a new one.
            browser.click("#sign-out");
            browser.clickLink("Forgot your password?");
            browser.type("#field-email", email);
            browser.click("#forgot-form button[type=submit]");
            browser.heading("Check your inbox");
            browser.visit(emailed(email, "/password/reset", suite));
            browser.heading("Choose a new password");
            browser.type("#field-password", NEW_PASSWORD);
            browser.type("#field-password_confirmation", NEW_PASSWORD);
            browser.click("#reset-form button[type=submit]");
            browser.heading("Password changed");
            browser.clickLink("Sign in");
            browser.type("#field-email", email);
            browser.type("#field-password", NEW_PASSWORD);
            browser.click("#login-form button[type=submit]");
            browser.pathIs("/organizations");
            browser.textContains("#organizations", "Browser Co");
            browser.textContains("#organizations", "Alice Co");
        }
    }

    /** The link of the email sent to {@code recipient} that leads to {@code path}, on the suite's gateway. */
    private static String emailed(String recipient, String path, Suite suite) {
        String link = Mailbox.link(recipient, path);
        assertThat(link).startsWith(suite.gatewayUrl() + path);
        return link;
    }
}
