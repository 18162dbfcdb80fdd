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
    /**
     * Snapshots kept in all: a snapshot is one to two megabytes in memory, so a partner's hundreds of tenants would
     * otherwise fill the heap with history; beyond it the tenant holding the most loses its oldest, and every tenant
     * keeps at least its latest.
     */
    static final int KEPT_IN_ALL = 250;

    /** Idempotency keys remembered, oldest dropped first: far more than a push's retries can span. */
    private static final int KEYS_KEPT = 10_000;

    private final Map<String, Deque<JsonNode>> byTenant = new LinkedHashMap<>();
    private final java.util.Set<String> keys = java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEYS_KEPT;
        }
    });

    /**
     * Keeps the snapshot unless its idempotency key was seen before.
     *
     * @return false when it is a repeat (not kept again)
     */
    public synchronized boolean accept(JsonNode snapshot, String idempotencyKey) {
        if (idempotencyKey != null && !keys.add(idempotencyKey)) {
            return false;
        }
        accept(snapshot);
        return true;
    }

    public synchronized void accept(JsonNode snapshot) {
        Deque<JsonNode> kept = byTenant.computeIfAbsent(snapshot.path("tenant").asText("unknown"), t -> new ArrayDeque<>());
        if (kept.size() == KEPT_PER_TENANT) {
            kept.removeFirst();
        }
        kept.addLast(snapshot);
        int inAll = byTenant.values().stream().mapToInt(Deque::size).sum();
        while (inAll > KEPT_IN_ALL) {
            Deque<JsonNode> most = byTenant.values().stream().max(java.util.Comparator.comparingInt(Deque::size))
                    .orElseThrow();
            if (most.size() <= 1) {
                break;
            }
            most.removeFirst();
            inAll--;
        }
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
