package io.odoopulse.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the built-in Nerve Centre receiver has been sent, newest last, bounded per tenant. Kept as the JSON bytes
 * received and parsed when read: as trees, 200 tenants of 10,000 orders filled a 2 GB heap with this history, and the
 * collector then took back the reads the ticks keep (docs/benchmarks.md).
 */
public class SnapshotInbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int KEPT_PER_TENANT = 50;
    /**
     * Snapshots kept in all: a snapshot is hundreds of kilobytes even as bytes, so a partner's hundreds of tenants would
     * otherwise fill the heap with history; beyond it the tenant holding the most loses its oldest, and every tenant
     * keeps at least its latest.
     */
    static final int KEPT_IN_ALL = 250;

    /** Idempotency keys remembered, oldest dropped first: far more than a push's retries can span. */
    private static final int KEYS_KEPT = 10_000;

    private final Map<String, Deque<byte[]>> byTenant = new LinkedHashMap<>();
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
    public boolean accept(JsonNode snapshot, String idempotencyKey) {
        return accept(snapshot.path("tenant").asText("unknown"), bytes(snapshot), idempotencyKey);
    }

    /** As received: {@code json} is the pushed body, already parsed and found to be the tenant's snapshot. */
    public synchronized boolean accept(String tenant, byte[] json, String idempotencyKey) {
        if (idempotencyKey != null && !keys.add(idempotencyKey)) {
            return false;
        }
        keep(tenant, json);
        return true;
    }

    public void accept(JsonNode snapshot) {
        accept(snapshot, null);
    }

    private void keep(String tenant, byte[] json) {
        Deque<byte[]> kept = byTenant.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        if (kept.size() == KEPT_PER_TENANT) {
            kept.removeFirst();
        }
        kept.addLast(json);
        int inAll = byTenant.values().stream().mapToInt(Deque::size).sum();
        while (inAll > KEPT_IN_ALL) {
            Deque<byte[]> most = byTenant.values().stream().max(java.util.Comparator.comparingInt(Deque::size))
                    .orElseThrow();
            if (most.size() <= 1) {
                break;
            }
            most.removeFirst();
            inAll--;
        }
    }

    public Optional<JsonNode> latest(String tenant) {
        byte[] latest;
        synchronized (this) {
            Deque<byte[]> kept = byTenant.get(tenant);
            latest = kept == null ? null : kept.peekLast();
        }
        return Optional.ofNullable(latest).map(SnapshotInbox::tree);
    }

    public List<JsonNode> all(String tenant) {
        List<byte[]> all;
        synchronized (this) {
            Deque<byte[]> kept = byTenant.get(tenant);
            all = kept == null ? List.of() : new ArrayList<>(kept);
        }
        return all.stream().map(SnapshotInbox::tree).toList();
    }

    public List<JsonNode> latestPerTenant() {
        List<byte[]> latest;
        synchronized (this) {
            latest = byTenant.values().stream().map(Deque::peekLast).toList();
        }
        return latest.stream().map(SnapshotInbox::tree).toList();
    }

    private static byte[] bytes(JsonNode snapshot) {
        try {
            return JSON.writeValueAsBytes(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
