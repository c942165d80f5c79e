package com.chatbotsaas.e2e;

import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The public routes each service's controllers declare, read from the compiled classes ({@code <service>/target/classes})
 * without loading them: every {@code @RequestMapping} (and {@code @GetMapping}, {@code @PostMapping}, …) under
 * {@code /api/}, as {@code METHOD /path} with path variables written {@code {}}.
 */
final class ControllerRoutes {

    private static final String HIDDEN = "io.swagger.v3.oas.annotations.Hidden";

    private ControllerRoutes() {}

    static Set<String> of(String service) {
        Path classes = ProjectPaths.root().resolve(service).resolve("target/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("No compiled classes at " + classes + ": build " + service + " first");
        }
        SimpleMetadataReaderFactory reader = new SimpleMetadataReaderFactory(ControllerRoutes.class.getClassLoader());
        Set<String> routes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                MetadataReader metadata = reader.getMetadataReader(new FileSystemResource(file));
                routes.addAll(routes(metadata.getAnnotationMetadata()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return routes;
    }

    private static List<String> routes(AnnotationMetadata type) {
        if (!type.isAnnotated("org.springframework.stereotype.Controller") || type.isAnnotated(HIDDEN)) {
            return List.of();
        }
        List<String> prefixes = type.isAnnotated(RequestMapping.class.getName())
                ? paths(type.getAnnotations().get(RequestMapping.class))
                : List.of("");
        List<String> routes = new ArrayList<>();
        for (MethodMetadata method : type.getAnnotatedMethods(RequestMapping.class.getName())) {
            if (method.isAnnotated(HIDDEN)) {
                continue;
            }
            MergedAnnotation<RequestMapping> mapping = method.getAnnotations().get(RequestMapping.class);
            RequestMethod[] methods = mapping.getEnumArray("method", RequestMethod.class);
            for (String prefix : prefixes) {
                for (String path : paths(mapping)) {
                    String full = normalize(prefix + path);
                    if (!full.startsWith("/api/")) {
                        continue;
                    }
                    if (methods.length == 0) {
                        routes.add("ANY " + full);
                    }
                    for (RequestMethod requestMethod : methods) {
                        routes.add(requestMethod.name() + " " + full);
                    }
                }
            }
        }
        return routes;
    }

    private static List<String> paths(MergedAnnotation<RequestMapping> mapping) {
        String[] paths = mapping.getStringArray("path");
        return paths.length == 0 ? List.of("") : List.of(paths);
    }

    /** {@code /a/{id}/b/} and {@code /a/{orgId:.+}/b} are the same route as {@code /a/{}/b}. */
    static String normalize(String path) {
        String normalized = path.replaceAll("\\{[^}]*}", "{}").replaceAll("/+", "/");
        return normalized.length() > 1 && normalized.endsWith("/")
                ? normalized.substring(0, normalized.length() - 1)
                : normalized;
    }
}
