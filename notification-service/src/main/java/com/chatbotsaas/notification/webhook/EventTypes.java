package com.chatbotsaas.notification.webhook;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Event-type subscriptions: an action ({@code chatbot.create}), a prefix wildcard ({@code chatbot.*}, which also
 * matches {@code conversation.message.send} for {@code conversation.*}) or {@code *} for every event.
 */
final class EventTypes {

    static final Pattern VALID = Pattern.compile("^(\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?)$");

    private EventTypes() {}

    static boolean matches(List<String> subscriptions, String action) {
        for (String subscription : subscriptions) {
            if (subscription.equals("*") || subscription.equals(action)) {
                return true;
            }
            if (subscription.endsWith(".*")
                    && action.startsWith(subscription.substring(0, subscription.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
