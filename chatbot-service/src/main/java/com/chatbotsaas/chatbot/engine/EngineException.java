package com.chatbotsaas.chatbot.engine;

import com.chatbotsaas.platform.web.ErrorCode;
import org.jspecify.annotations.Nullable;

/** An engine could not answer: unreachable, refused, broken answer, open breaker, or a refused URL. */
public class EngineException extends Exception {

    private final ErrorCode code;

    public EngineException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public EngineException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
