package io.odoopulse.demo;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.nervecentre.NerveCentreHeaders;
import io.odoopulse.nervecentre.PushSignature;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The built-in Nerve Centre: receives pushed snapshots like the real one and shows the cards at {@code /}.
 * Enabled by {@code pulse.demo.nerve-centre.enabled}; production points {@code pulse.nerve-centre.url} elsewhere.
 * It checks what a real receiver should: a tenant with a signing secret must sign its pushes (401 otherwise), and a
 * push whose {@code Idempotency-Key} was already received is answered 200 and not kept twice.
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "pulse.demo.nerve-centre", name = "enabled", havingValue = "true", matchIfMissing = true)
public class NerveCentreReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(NerveCentreReceiver.class);

    private final SnapshotInbox inbox;
    private final TenantRegistry tenants;
    private final ObjectMapper json;
    private final Clock clock;

    public NerveCentreReceiver(SnapshotInbox inbox, TenantRegistry tenants, ObjectMapper json, Clock clock) {
        this.inbox = inbox;
        this.tenants = tenants;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/nerve-centre/api/snapshots", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Void> receive(@RequestBody byte[] body,
                                        @RequestHeader(name = NerveCentreHeaders.TENANT_HEADER, required = false) String tenantHeader,
                                        @RequestHeader(name = NerveCentreHeaders.IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
                                        @RequestHeader(name = PushSignature.TIMESTAMP_HEADER, required = false) String timestamp,
                                        @RequestHeader(name = PushSignature.SIGNATURE_HEADER, required = false) String signature) {
        JsonNode snapshot;
        try {
            snapshot = json.readTree(body);
        } catch (IOException e) {
            return ResponseEntity.badRequest().build();
        }
        if (snapshot == null || !snapshot.hasNonNull("tenant") || !snapshot.path("cards").isArray()) {
            return ResponseEntity.badRequest().build();
        }
        String tenant = snapshot.path("tenant").asText();
        if (tenantHeader != null && !tenantHeader.equals(tenant)) {
            return ResponseEntity.badRequest().build();
        }
        Secret secret = tenants.contains(tenant) ? tenants.get(tenant).signingSecret() : Secret.NONE;
        if (secret.isPresent()) {
            PushSignature.Verdict verdict = PushSignature.verify(secret.value(), timestamp, signature, body,
                    clock.instant(), PushSignature.DEFAULT_TOLERANCE);
            if (verdict != PushSignature.Verdict.VALID) {
                LOG.warn("built-in Nerve Centre: push for tenant {} refused, signature {}", tenant, verdict);
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
            }
        }
        if (!inbox.accept(tenant, body, idempotencyKey == null ? null : tenant + " " + idempotencyKey)) {
            return ResponseEntity.ok().build();
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @GetMapping("/nerve-centre/api/snapshots/{tenant}")
    public List<JsonNode> received(@PathVariable String tenant) {
        return inbox.all(tenant);
    }

    @GetMapping("/nerve-centre/api/snapshots/{tenant}/latest")
    public ResponseEntity<JsonNode> latest(@PathVariable String tenant) {
        return ResponseEntity.of(inbox.latest(tenant));
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    public String page() {
        return CardsPage.render(inbox.latestPerTenant());
    }
}
