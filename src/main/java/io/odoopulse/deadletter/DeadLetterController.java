package io.odoopulse.deadletter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' handle on the dead-letter store: list, inspect, replay or discard what failed. */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

    /** The route a replayed record re-enters: mapping, idempotent check and store, as in a pull. */
    static final String REPLAY_ENDPOINT = io.odoopulse.canonical.CanonicalBatch.RECORD_ENDPOINT;

    private final DeadLetterStore store;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public DeadLetterController(DeadLetterStore store, ProducerTemplate producer, ObjectMapper json) {
        this.store = store;
        this.producer = producer;
        this.json = json;
    }

    @GetMapping
    public List<DeadLetter> list(@RequestParam Optional<DeadLetter.Status> status, @RequestParam Optional<String> tenant) {
        return store.list(status, tenant);
    }

    @GetMapping("/{id}")
    public ResponseEntity<DeadLetter> get(@PathVariable long id) {
        return ResponseEntity.of(store.find(id));
    }

    /** Sends the stored record through the canonical route again; on success the entry is marked replayed. */
    @PostMapping("/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable long id) {
        Optional<DeadLetter> found = store.find(id);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        DeadLetter letter = found.get();
        if (letter.status() != DeadLetter.Status.OPEN) {
            return answer(HttpStatus.CONFLICT, id, "entry is " + letter.status() + ", not OPEN");
        }
        if (letter.model() == null || letter.payload() == null || !letter.payload().startsWith("{")) {
            return answer(HttpStatus.UNPROCESSABLE_ENTITY, id,
                    "only source records can be replayed; the next scheduled pull retries pulls and pushes");
        }
        Map<String, Object> record;
        try {
            record = json.readValue(letter.payload(), new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            return answer(HttpStatus.UNPROCESSABLE_ENTITY, id, "payload is not a JSON record: " + e.getOriginalMessage());
        }
        if (!store.claimForReplay(id)) {
            return answer(HttpStatus.CONFLICT, id, "entry is no longer OPEN (replayed or discarded meanwhile)");
        }
        Exchange result = producer.request(REPLAY_ENDPOINT, exchange -> {
            exchange.getMessage().setBody(record);
            exchange.getMessage().setHeader("pulseTenant", letter.tenant());
            exchange.getMessage().setHeader("pulseModel", letter.model());
            exchange.getMessage().setHeader(DeadLetterStore.REPLAY_OF, id);
        });
        Throwable failure = result.getException() != null ? result.getException()
                : result.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            store.reopen(id);
            return answer(HttpStatus.UNPROCESSABLE_ENTITY, id, "replay failed again; the entry stays open with the "
                    + "new cause");
        }
        store.replayed(id);
        return answer(HttpStatus.OK, id, "replayed");
    }

    @PostMapping("/{id}/discard")
    public ResponseEntity<Map<String, Object>> discard(@PathVariable long id) {
        if (store.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return store.resolve(id, DeadLetter.Status.DISCARDED)
                ? answer(HttpStatus.OK, id, "discarded")
                : answer(HttpStatus.CONFLICT, id, "entry is not OPEN");
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, long id, String message) {
        return ResponseEntity.status(status).body(Map.of("id", id, "result", message));
    }
}
