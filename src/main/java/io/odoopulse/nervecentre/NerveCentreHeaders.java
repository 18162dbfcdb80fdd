package io.odoopulse.nervecentre;

import java.time.Clock;
import java.util.function.Function;

import io.odoopulse.kpi.KpiSnapshot;
import io.odoopulse.tenant.Secret;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Sets the HTTP headers of a push (docs/push-contract.md) and removes the internal ones, so only the contract's
 * headers reach the Nerve Centre: the idempotency key, and the signature over the body when the tenant has a
 * signing secret. The bearer token and the secret come from configuration and are never logged.
 */
public class NerveCentreHeaders {

    public static final String TENANT_HEADER = "X-Pulse-Tenant";
    /** The same for every attempt to push one tick's snapshot, so the Nerve Centre can drop a repeat. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** Exchange property: when the first attempt of the push started (push latency, retries included). */
    public static final String PUSH_STARTED = "pulsePushStarted";

    private final String token;
    private final Function<String, Secret> signingSecrets;
    private final Clock clock;

    public NerveCentreHeaders(String token) {
        this(token, tenant -> Secret.NONE, Clock.systemUTC());
    }

    public NerveCentreHeaders(String token, Function<String, Secret> signingSecrets, Clock clock) {
        this.token = token == null ? "" : token;
        this.signingSecrets = signingSecrets;
        this.clock = clock;
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
        exchange.setProperty(PUSH_STARTED, clock.millis());
        if (!token.isEmpty()) {
            message.setHeader("Authorization", "Bearer " + token);
        }
        Secret secret = tenant == null ? Secret.NONE : signingSecrets.apply(tenant);
        if (secret.isPresent()) {
            // Signed once: a retry sends the same bytes with the same timestamp and signature.
            byte[] body = message.getBody(byte[].class);
            message.setBody(body);
            long timestamp = clock.instant().getEpochSecond();
            message.setHeader(PushSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
            message.setHeader(PushSignature.SIGNATURE_HEADER, PushSignature.sign(secret.value(), timestamp, body));
        }
    }
}
