package com.chatbotsaas.chatbot;

/**
 * The name of every action this service audits or emits (and of its private messages), written once:
 * {@code @Audited(action = ...)} and {@code PlatformEvent.of}/{@code message} use these constants, never a literal.
 * platform-test's {@code ContractCoverageTest} checks that each is used and has its contract in {@code contracts/}.
 */
public final class Actions {

    /** A chatbot created. */
    public static final String CHATBOT_CREATE = "chatbot.create";

    /** A chatbot changed, or archived with its deleted organization. */
    public static final String CHATBOT_UPDATE = "chatbot.update";

    /** A chatbot deleted. */
    public static final String CHATBOT_DELETE = "chatbot.delete";

    /** A chatbot's training asked for. */
    public static final String CHATBOT_TRAIN = "chatbot.train";

    /** A knowledge source added to a chatbot. */
    public static final String KNOWLEDGE_CREATE = "knowledge.create";

    /** A knowledge source removed. */
    public static final String KNOWLEDGE_DELETE = "knowledge.delete";

    /** A conversation started. */
    public static final String CONVERSATION_CREATE = "conversation.create";

    /** A conversation changed. */
    public static final String CONVERSATION_UPDATE = "conversation.update";

    /** A user's message sent to a chatbot. */
    public static final String CONVERSATION_MESSAGE_SEND = "conversation.message.send";

    /** The chatbot's reply written (or the fallback after the engine failed). */
    public static final String CONVERSATION_MESSAGE_REPLY = "conversation.message.reply";

    /** A reply rated. */
    public static final String CONVERSATION_MESSAGE_FEEDBACK = "conversation.message.feedback";

    private Actions() {}
}
