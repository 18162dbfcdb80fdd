package io.odoopulse.deadletter;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Replays or discards one dead letter; what each came to, for the caller to answer and record. */
public class DeadLetterReplay {

    /** The route a replayed record re-enters: mapping, idempotent check and store, as in a pull. */
    static final String REPLAY_ENDPOINT = io.odoopulse.canonical.CanonicalBatch.RECORD_ENDPOINT;

    public enum Result { REPLAYED, DISCARDED, FAILED_AGAIN, NOT_FOUND, NOT_OPEN, NOT_REPLAYABLE }

    public record Outcome(long id, Result result, String message) {}

    private final DeadLetterStore store;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public DeadLetterReplay(DeadLetterStore store, ProducerTemplate producer, ObjectMapper json) {
        this.store = store;
        this.producer = producer;
        this.json = json;
    }

    /** Sends the stored record through the canonical route again; on success the entry is marked replayed. */
    public Outcome replay(DeadLetter letter) {
        long id = letter.id();
        if (letter.status() != DeadLetter.Status.OPEN) {
            return new Outcome(id, Result.NOT_OPEN, "entry is " + letter.status() + ", not OPEN");
        }
        if (letter.model() == null || letter.payload() == null || !letter.payload().startsWith("{")) {
            return new Outcome(id, Result.NOT_REPLAYABLE,
                    "only source records can be replayed; the next scheduled pull retries pulls and pushes");
        }
        Map<String, Object> record;
        try {
            record = json.readValue(letter.payload(), new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            return new Outcome(id, Result.NOT_REPLAYABLE, "payload is not a JSON record: " + e.getOriginalMessage());
        }
        if (!store.claimForReplay(id)) {
            return new Outcome(id, Result.NOT_OPEN, "entry is no longer OPEN (replayed or discarded meanwhile)");
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
            return new Outcome(id, Result.FAILED_AGAIN, "replay failed again; the entry stays open with the new cause");
        }
        store.replayed(id);
        return new Outcome(id, Result.REPLAYED, "replayed");
    }

    public Outcome discard(DeadLetter letter) {
        return store.resolve(letter.id(), DeadLetter.Status.DISCARDED)
                ? new Outcome(letter.id(), Result.DISCARDED, "discarded")
                : new Outcome(letter.id(), Result.NOT_OPEN, "entry is not OPEN");
    }

    public Optional<DeadLetter> find(long id) {
        return store.find(id);
    }
}
