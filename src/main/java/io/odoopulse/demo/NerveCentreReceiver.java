package io.odoopulse.demo;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The built-in Nerve Centre: receives pushed snapshots like the real one and shows the cards at {@code /}.
 * Enabled by {@code pulse.demo.nerve-centre.enabled}; production points {@code pulse.nerve-centre.url} elsewhere.
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "pulse.demo.nerve-centre", name = "enabled", havingValue = "true", matchIfMissing = true)
public class NerveCentreReceiver {

    private final SnapshotInbox inbox;

    public NerveCentreReceiver(SnapshotInbox inbox) {
        this.inbox = inbox;
    }

    @PostMapping(path = "/nerve-centre/api/snapshots", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Void> receive(@RequestBody JsonNode snapshot) {
        if (!snapshot.hasNonNull("tenant") || !snapshot.path("cards").isArray()) {
            return ResponseEntity.badRequest().build();
        }
        inbox.accept(snapshot);
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
