package com.chatbotsaas.platform.outbound;

/**
 * A host name that does not resolve (yet): refused when a call is made, but a URL saved for later calls (a webhook
 * whose DNS is not set up yet) may be accepted with a warning, since every call checks the name again.
 */
public class UnresolvedHostException extends OutboundRefusedException {

    public UnresolvedHostException(String host) {
        super("host " + host + " does not resolve");
    }
}
