package com.chatbotsaas.platform.web;

import org.jspecify.annotations.Nullable;

/**
 * What text a request may carry. Every string of a JSON request body must be valid Unicode without control
 * characters other than tab, line feed and carriage return: a NUL cannot be stored at all, and the other controls
 * only corrupt what logs, emails and screens show. Fields a reader sees as a name ({@link SingleLine}) must also be
 * one line without bidirectional controls, which can make a name read as something it is not.
 */
public final class RequestText {

    static final String CONTROL = "must not contain control characters";
    static final String UNPAIRED_SURROGATE = "must be valid Unicode text";
    static final String NOT_ONE_LINE =
            "must be one line, without line breaks, tabs or bidirectional control characters";

    private RequestText() {}

    /** Why this text may not be part of a request, or {@code null} when it may. */
    public static @Nullable String refusal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return CONTROL;
                }
            } else if (c >= 0x7f && c <= 0x9f) {
                return CONTROL;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return UNPAIRED_SURROGATE;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return UNPAIRED_SURROGATE;
            }
        }
        return null;
    }

    /** Whether this text is one line: no line or paragraph break, no tab, no bidirectional embedding or isolate. */
    public static boolean isSingleLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20
                    || (c >= 0x7f && c <= 0x9f)
                    || c == '\u2028'
                    || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069')) {
                return false;
            }
        }
        return true;
    }
}
