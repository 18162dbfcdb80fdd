package io.odoopulse.routekit;

import org.apache.camel.Exchange;

/**
 * Stand-in for the beans the shipped routes call only to observe a message (signals, log correlation, the access
 * report): they leave the message as it is, so a route test need not bind them.
 */
public final class Observers {

    /** Names the routes refer to them by. */
    public static final java.util.List<String> NAMES = java.util.List.of("tenantSignals", "tickCorrelation",
            "accessReport");

    public void pushed(Exchange exchange) {
    }

    public void pushFailed(Exchange exchange) {
    }

    public void mark(Exchange exchange) {
    }

    public void attach(Exchange exchange) {
    }
}
