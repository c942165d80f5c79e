package com.chatbotsaas.platform.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * A name-like field: one line of text, without line breaks, tabs, control characters or bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which could make a name shown in a list, an email or the audit
 * trail read differently from what it is. {@code null} is valid (use {@code @NotNull} or {@code @NotBlank} to require
 * a value).
 */
@Documented
@Constraint(validatedBy = SingleLine.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

    String message() default RequestText.NOT_ONE_LINE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link RequestText#isSingleLine}. */
    final class Validator implements ConstraintValidator<SingleLine, CharSequence> {

        @Override
        public boolean isValid(@Nullable CharSequence value, ConstraintValidatorContext context) {
            return value == null || RequestText.isSingleLine(value.toString());
        }
    }
}
