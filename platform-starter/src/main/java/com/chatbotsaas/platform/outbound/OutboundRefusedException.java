package com.chatbotsaas.platform.outbound;

import java.util.Objects;

/** An outbound URL the guard does not let the platform call; the message is safe to show to the tenant. */
public class OutboundRefusedException extends RuntimeException {

    public OutboundRefusedException(String message) {
        super(message);
    }

    /** Never null: the constructor takes the message. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
