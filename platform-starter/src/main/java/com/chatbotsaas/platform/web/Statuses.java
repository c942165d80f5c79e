package com.chatbotsaas.platform.web;

import com.chatbotsaas.platform.core.status.Status;

/** A {@link Status} as the API sees it: a value a client sent, and a change a client asked for. */
public final class Statuses {

    private Statuses() {}

    /** The status a client named in {@code field}, or a 422 on that field listing the values it may take. */
    public static <S extends Enum<S> & Status<S>> S parse(Class<S> type, String field, String value) {
        return Status.parse(type, value)
                .orElseThrow(() -> ApiException.invalid(field, "must be " + Status.choices(type)));
    }

    /**
     * {@code to}, when a {@code what} (e.g. {@code chatbot}) in status {@code from} may become it; a 409 that names both
     * otherwise.
     */
    public static <S extends Enum<S> & Status<S>> S transition(String what, S from, S to) {
        if (!from.canBecome(to)) {
            String article = "aeiou".indexOf(what.charAt(0)) >= 0 ? "An " : "A ";
            throw ApiException.conflict(article + what + " cannot go from " + from.value() + " to " + to.value());
        }
        return to;
    }
}
