package io.odoopulse.nervecentre;

import io.odoopulse.kpi.KpiSnapshot;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Sets the HTTP headers of a push (docs/push-contract.md) and removes the internal ones, so only the contract's
 * headers reach the Nerve Centre. The bearer token comes from configuration and is never logged.
 */
public class NerveCentreHeaders {

    public static final String TENANT_HEADER = "X-Pulse-Tenant";
    /** The same for every attempt to push one tick's snapshot, so the Nerve Centre can drop a repeat. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final String token;

    public NerveCentreHeaders(String token) {
        this.token = token == null ? "" : token;
    }

    public void apply(Exchange exchange) {
        Message message = exchange.getMessage();
        String tenant = message.getHeader("pulseTenant", String.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader(TENANT_HEADER, tenant);
        KpiSnapshot snapshot = exchange.getProperty("pulseSnapshot", KpiSnapshot.class);
        if (snapshot != null && snapshot.tick() != null) {
            message.setHeader(IDEMPOTENCY_HEADER, snapshot.tick().idempotencyKey(tenant));
        }
        // Kept as an exchange property for the dead-letter store, which reads the tenant there after headers go.
        exchange.setProperty("pulseTenant", tenant);
        if (!token.isEmpty()) {
            message.setHeader("Authorization", "Bearer " + token);
        }
    }
}
