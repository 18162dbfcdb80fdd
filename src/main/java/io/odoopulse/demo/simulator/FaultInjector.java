package io.odoopulse.demo.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Failures a test can arm on a running simulator. Each "next N" fault applies to the next N HTTP requests
 * (any endpoint), in the order armed; latency applies to every request until cleared.
 */
public final class FaultInjector {

    /** What the next request will suffer. */
    sealed interface Fault {
        record Status(int status, String body) implements Fault {}
        record RateLimited(Duration retryAfter) implements Fault {}
        record ResetMidBody() implements Fault {}
        record TruncatedJson() implements Fault {}
        record SessionExpired() implements Fault {}
    }

    private final Deque<Fault> queue = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;
    private final Map<String, CopyOnWriteArrayList<BiConsumer<Integer, OdooDatabase>>> searchHooks =
            new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> searchCalls = new ConcurrentHashMap<>();
    private final Map<String, CopyOnWriteArrayList<java.util.function.Consumer<java.util.List<?>>>> countHooks =
            new ConcurrentHashMap<>();
    private final AtomicInteger sessionGeneration = new AtomicInteger();

    /** Delays every response by this much (ZERO to stop). */
    public FaultInjector latency(Duration delay) {
        this.latency = delay == null ? Duration.ZERO : delay;
        return this;
    }

    /** The next {@code times} requests answer with this HTTP status (e.g. 502, 503) and an HTML body. */
    public FaultInjector failNext(int times, int status) {
        String body = "<html><head><title>" + status + "</title></head><body><h1>" + status + " "
                + reason(status) + "</h1></body></html>\n";
        return enqueue(times, new Fault.Status(status, body));
    }

    /** The next {@code times} requests get 429 Too Many Requests with Retry-After in whole seconds. */
    public FaultInjector rateLimitNext(int times, Duration retryAfter) {
        return enqueue(times, new Fault.RateLimited(retryAfter));
    }

    /** The next {@code times} responses announce their full Content-Length, send part of the body, then close. */
    public FaultInjector resetNext(int times) {
        return enqueue(times, new Fault.ResetMidBody());
    }

    /** The next {@code times} responses are cut in the middle of the JSON (Content-Length matches the cut body). */
    public FaultInjector truncateNext(int times) {
        return enqueue(times, new Fault.TruncatedJson());
    }

    /** The next {@code times} calls are refused with Odoo's "Session Expired" error (code 100). */
    public FaultInjector expireNext(int times) {
        return enqueue(times, new Fault.SessionExpired());
    }

    /** Invalidates every web session (session_id cookie) issued so far, like a server restart or logout. */
    public FaultInjector expireSessions() {
        sessionGeneration.incrementAndGet();
        return this;
    }

    /**
     * Runs {@code hook(callNumber, database)} right before each search/search_read/search_count on the model
     * executes (callNumber counts from 1), so a test can create or modify records while a client is paging.
     */
    public FaultInjector beforeSearch(String model, BiConsumer<Integer, OdooDatabase> hook) {
        searchHooks.computeIfAbsent(model, m -> new CopyOnWriteArrayList<>()).add(hook);
        return this;
    }

    /**
     * Every search on the model is refused with Odoo's AccessError, as for a user whose read access was taken away
     * (until {@link #clear()}).
     */
    public FaultInjector refuse(String model) {
        return beforeSearch(model, (call, db) -> {
            throw OdooException.accessError("You are not allowed to access '" + model + "' records.");
        });
    }

    /**
     * Runs {@code hook(domain)} right before each search_count on the model, with the call's domain: a test can fail
     * one kind of count (e.g. the parity audit's, whose domain is empty) and leave the pull's alone.
     */
    public FaultInjector beforeCount(String model, java.util.function.Consumer<java.util.List<?>> hook) {
        countHooks.computeIfAbsent(model, m -> new CopyOnWriteArrayList<>()).add(hook);
        return this;
    }

    /** Every search_count on the model whose domain {@code which} selects is refused with Odoo's AccessError. */
    public FaultInjector refuseCount(String model, java.util.function.Predicate<java.util.List<?>> which) {
        return beforeCount(model, domain -> {
            if (which.test(domain)) {
                throw OdooException.accessError("You are not allowed to count '" + model + "' records.");
            }
        });
    }

    /** Removes every armed fault, latency and hook. */
    public synchronized FaultInjector clear() {
        queue.clear();
        latency = Duration.ZERO;
        searchHooks.clear();
        searchCalls.clear();
        countHooks.clear();
        return this;
    }

    public synchronized int pending() {
        return queue.size();
    }

    private synchronized FaultInjector enqueue(int times, Fault f) {
        for (int i = 0; i < times; i++) queue.addLast(f);
        return this;
    }

    synchronized Fault poll() {
        return queue.pollFirst();
    }

    Duration latency() {
        return latency;
    }

    int sessionGeneration() {
        return sessionGeneration.get();
    }

    void fireSearchHooks(String model, OdooDatabase db) {
        CopyOnWriteArrayList<BiConsumer<Integer, OdooDatabase>> hooks = searchHooks.get(model);
        if (hooks == null || hooks.isEmpty()) return;
        int n = searchCalls.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
        for (BiConsumer<Integer, OdooDatabase> h : hooks) h.accept(n, db);
    }

    void fireCountHooks(String model, java.util.List<?> domain) {
        CopyOnWriteArrayList<java.util.function.Consumer<java.util.List<?>>> hooks = countHooks.get(model);
        if (hooks != null) {
            for (var h : hooks) h.accept(domain);
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
