package com.chatbotsaas.platform.outbound;

/** An outbound URL the guard does not let the platform call; the message is safe to show to the tenant. */
public class OutboundRefusedException extends RuntimeException {

    public OutboundRefusedException(String message) {
        super(message);
    }
}
