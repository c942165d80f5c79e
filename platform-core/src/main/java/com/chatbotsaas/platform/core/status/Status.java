package com.chatbotsaas.platform.core.status;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A resource's status: an enum constant with the lower-case value that clients send and rows store, and the statuses it
 * may become. Keeping the transitions on the enum puts a resource's whole life cycle in one place, where the service
 * that changes a status asks {@link #canBecome} instead of comparing strings.
 *
 * @param <S> the enum that implements it
 */
public interface Status<S extends Enum<S> & Status<S>> {

    /** The value in the API and in stored rows: the constant's name in lower case, e.g. {@code active}. */
    default String value() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** The statuses this one may become; empty for a final status. */
    Set<S> next();

    default boolean canBecome(S target) {
        return next().contains(target);
    }

    /** Whether no status follows this one. */
    default boolean isFinal() {
        return next().isEmpty();
    }

    /** The constant whose {@link #value()} is {@code value}, if there is one (exact, case-sensitive match). */
    static <S extends Enum<S> & Status<S>> Optional<S> parse(Class<S> type, String value) {
        for (S status : type.getEnumConstants()) {
            if (status.value().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The constant whose {@link #value()} is {@code value}; for stored rows, which hold only known values. */
    static <S extends Enum<S> & Status<S>> S of(Class<S> type, String value) {
        return parse(type, value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown " + type.getSimpleName() + " '" + value + "', expected one of " + choices(type)));
    }

    /** The values in declaration order, for messages: {@code draft, active or archived}. */
    static <S extends Enum<S> & Status<S>> String choices(Class<S> type) {
        String[] values =
                Arrays.stream(type.getEnumConstants()).map(Status::value).toArray(String[]::new);
        if (values.length == 1) {
            return values[0];
        }
        return Arrays.stream(values, 0, values.length - 1).collect(Collectors.joining(", ")) + " or "
                + values[values.length - 1];
    }
}
