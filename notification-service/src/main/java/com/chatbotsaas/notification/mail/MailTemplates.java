package com.chatbotsaas.notification.mail;

import com.chatbotsaas.notification.config.NotificationProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an email (subject, HTML and text) from {@code mail/<template>.html}, {@code mail/<template>.txt} and the
 * localized texts in {@code mail/messages*.properties}. Unknown or unsupported languages get English.
 */
@Component
public class MailTemplates {

    static final Locale DEFAULT = Locale.ENGLISH;

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MessageSource messages;
    private final Set<String> locales;

    MailTemplates(NotificationProperties properties) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("mail/messages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        this.messages = source;
        this.locales = properties.mail().locales();
        engine.addTemplateResolver(resolver(".html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver(".txt", TemplateMode.TEXT, 2));
        engine.setTemplateEngineMessageSource(source);
    }

    /** The supported locale closest to a language tag ({@code de-AT} → {@code de}); English otherwise. */
    public Locale locale(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            return DEFAULT;
        }
        String language = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        return locales.contains(language) ? Locale.of(language) : DEFAULT;
    }

    Rendered render(String template, Locale locale, List<Object> subjectArgs, Map<String, Object> model) {
        Context context = new Context(locale, model);
        String subject = messages.getMessage(template + ".subject", subjectArgs.toArray(), locale);
        context.setVariable("subject", subject);
        return new Rendered(
                subject, engine.process(template + ".html", context), engine.process(template + ".txt", context));
    }

    /** A localized text outside an email, e.g. an in-app notification's title. */
    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setResolvablePatterns(Set.of("*" + suffix));
        resolver.setOrder(order);
        resolver.setCacheable(true);
        return resolver;
    }

    record Rendered(String subject, String html, String text) {}
}
