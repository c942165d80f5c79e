package com.chatbotsaas.chatbot.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every engine by type. */
@Component
public class Engines {

    private final Map<String, Engine> byType;

    Engines(List<Engine> engines) {
        this.byType = engines.stream().collect(Collectors.toUnmodifiableMap(Engine::type, Function.identity()));
    }

    public Engine of(String type) {
        Engine engine = byType.get(type);
        if (engine == null) {
            throw new IllegalStateException("No engine of type " + type);
        }
        return engine;
    }
}
