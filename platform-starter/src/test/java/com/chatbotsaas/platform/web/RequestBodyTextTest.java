package com.chatbotsaas.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies and query parameters as a service reads them, with the converter and the parameter check
 * {@link WebAutoConfiguration} sets up: text a request may not carry and values of the wrong JSON type are refused in
 * the envelope, naming their field or parameter; the rest is read as sent.
 */
class RequestBodyTextTest {

    private static AnnotationConfigWebApplicationContext context;
    private static MockMvc mvc;

    record Thing(
            @NotBlank @SingleLine String name,
            @Nullable String description,
            @Nullable List<String> tags,
            @Nullable Map<String, Object> metadata) {}

    @RestController
    static class Things {
        @PatchMapping("/things")
        Thing patch(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @PostMapping("/things")
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/things")
        Map<String, String> search(@RequestParam(defaultValue = "") String q) {
            return Map.of("q", q);
        }
    }

    /** As Spring Boot sets it up: the JSON converter is built on the application's {@code JsonMapper} bean. */
    @Configuration
    @EnableWebMvc
    static class Mvc implements WebMvcConfigurer {
        @Override
        public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
            builder.withJsonConverter(new JacksonJsonHttpMessageConverter(jsonMapper()));
        }

        @Bean
        JsonMapper jsonMapper() {
            // As the services read and write JSON.
            return JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .build();
        }

        @Bean
        WebMvcConfigurer platformRequestStrings(ObjectProvider<JsonMapper> mappers) {
            return new WebAutoConfiguration().platformRequestStrings(mappers);
        }

        @Bean
        WebMvcConfigurer platformRequestParameters() {
            return new WebAutoConfiguration().platformRequestParameters();
        }
    }

    @BeforeAll
    static void mvc() {
        context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.register(Mvc.class, Things.class, ApiExceptionHandler.class);
        context.refresh();
        // Spring Boot's form filter, as the services run it: PUT and PATCH form bodies become parameters.
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(new FormContentFilter())
                .build();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void ordinaryTextInAnyLanguageIsReadAsSent() throws Exception {
        send("""
                {"name": "Support – 日本 \\ud83e\\udd16", "description": "Line one\\n\\tLine two",
                 "tags": ["a", "שלום\\u200f"], "metadata": {"note": "fine", "count": 3}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Support – 日本 \ud83e\udd16"))
                .andExpect(jsonPath("$.description").value("Line one\n\tLine two"))
                .andExpect(jsonPath("$.metadata.count").value(3));
    }

    @Test
    void aControlCharacterAnywhereIsRefusedNamingItsField() throws Exception {
        send("{\"name\": \"ok\", \"description\": \"nul \\u0000 inside\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error_code").value("VALIDATION_ERROR"))
                .andExpect(jsonPath("$.errors.description[0]").value(RequestText.CONTROL));
        send("{\"name\": \"ok\", \"tags\": [\"fine\", \"escape \\u001b[2J\"]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors['tags[1]'][0]").value(RequestText.CONTROL));
        // Inside free-form JSON the innermost object is named.
        send("{\"name\": \"ok\", \"metadata\": {\"nested\": {\"bell\": \"\\u0007\"}}}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors['metadata.nested'][0]").value(RequestText.CONTROL));
        send("{\"name\": \"ok\", \"description\": \"half \\ud83d of a pair\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.description[0]").value(RequestText.UNPAIRED_SURROGATE));
    }

    @Test
    void aQueryParameterWithAControlCharacterIsRefusedNamingIt() throws Exception {
        mvc.perform(get(URI.create("/things?q=nul%00inside")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.error_code").value("VALIDATION_ERROR"))
                .andExpect(jsonPath("$.errors.q[0]").value(RequestText.CONTROL));
        mvc.perform(get(URI.create("/things?q=fine&other=%1b%5B2J")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.other[0]").value(RequestText.CONTROL));
        mvc.perform(get(URI.create("/things?bad%07name=1")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.query[0]").value(RequestText.CONTROL));
        // A form body sent where JSON is expected: its parameters are checked, then the body is refused as JSON.
        mvc.perform(patch("/things")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("{\"name\":\"ok\"}"))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(patch("/things")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("name=a%00b"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.name[0]").value(RequestText.CONTROL));
        // Tabs and line breaks are text; so is any language.
        mvc.perform(get(URI.create("/things?q=two%09words%0Aand%20%E6%97%A5%E6%9C%AC")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.q").value("two\twords\nand 日本"));
    }

    @Test
    void aNameIsOneLineWithoutBidirectionalControls() throws Exception {
        send("{\"name\": \"invoice\\u202etxt.exe\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.name[0]").value(RequestText.NOT_ONE_LINE));
        send("{\"name\": \"two\\nlines\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.name[0]").value(RequestText.NOT_ONE_LINE));
        // In free text the same characters are part of ordinary writing.
        send("{\"name\": \"ok\", \"description\": \"two\\nlines \\u202e\"}").andExpect(status().isOk());
    }

    @Test
    void aNumberOrBooleanWhereTextIsExpectedIsRefusedNotTurnedIntoText() throws Exception {
        send("{\"name\": 1e400}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error_code").value("MALFORMED_REQUEST"))
                .andExpect(jsonPath("$.message").value("Invalid value for field: name"));
        send("{\"name\": \"ok\", \"tags\": [true]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Invalid value for field: tags[0]"));
    }

    private static org.springframework.test.web.servlet.ResultActions send(String body) throws Exception {
        return mvc.perform(
                post("/things").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
