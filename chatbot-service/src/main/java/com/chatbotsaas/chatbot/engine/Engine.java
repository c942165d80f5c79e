package com.chatbotsaas.chatbot.engine;

/** Produces the reply to a user message; one implementation per engine type. */
public interface Engine {

    /** The engine type chatbots name, e.g. {@code knowledge}. */
    String type();

    /** Whether the engine reads the conversation's history (else it is not loaded). */
    default boolean usesHistory() {
        return true;
    }

    /**
     * Produces the reply. May block; the caller bounds it with a timeout and interrupts it when the time is up.
     *
     * @param deltas receives parts of the reply as they are produced (streaming engines); others may ignore it
     * @throws EngineException when the engine cannot answer (the attempt is retried)
     */
    EngineReply reply(EngineRequest request, DeltaSink deltas) throws EngineException, InterruptedException;

    /** Receives parts of a reply as a streaming engine produces them. */
    @FunctionalInterface
    interface DeltaSink {
        void delta(String text);
    }
}
