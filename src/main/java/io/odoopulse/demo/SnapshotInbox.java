package io.odoopulse.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** What the built-in Nerve Centre receiver has been sent, newest last, bounded per tenant. */
public class SnapshotInbox {

    private static final int KEPT_PER_TENANT = 50;

    private final Map<String, Deque<JsonNode>> byTenant = new LinkedHashMap<>();

    public synchronized void accept(JsonNode snapshot) {
        Deque<JsonNode> kept = byTenant.computeIfAbsent(snapshot.path("tenant").asText("unknown"), t -> new ArrayDeque<>());
        if (kept.size() == KEPT_PER_TENANT) {
            kept.removeFirst();
        }
        kept.addLast(snapshot);
    }

    public synchronized Optional<JsonNode> latest(String tenant) {
        Deque<JsonNode> kept = byTenant.get(tenant);
        return kept == null || kept.isEmpty() ? Optional.empty() : Optional.of(kept.peekLast());
    }

    public synchronized List<JsonNode> all(String tenant) {
        Deque<JsonNode> kept = byTenant.get(tenant);
        return kept == null ? List.of() : new ArrayList<>(kept);
    }

    public synchronized List<JsonNode> latestPerTenant() {
        return byTenant.values().stream().map(Deque::peekLast).toList();
    }
}
