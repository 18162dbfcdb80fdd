package io.odoopulse.odoo;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.tenant.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * A tenant's Odoo, whatever the transport: retries transient failures (backoff with jitter, {@code Retry-After}
 * honoured; a call past its deadline is one), logs in again once when a session expires, never retries a permanent
 * error (an answer over the size cap is one), and caps how many calls run at once against the merchant's server.
 * Thread-safe.
 */
public class OdooClient {

    private static final Logger LOG = LoggerFactory.getLogger(OdooClient.class);
    private static final TypeReference<List<Map<String, Object>>> RECORDS = new TypeReference<>() {};
    private static final TypeReference<List<Integer>> IDS = new TypeReference<>() {};

    /** Waits between attempts; a seam for tests. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String tenant;
    private final OdooTransport transport;
    private final RetryPolicy retry;
    private final CallLimit concurrency;
    private final Sleeper sleeper;
    private volatile Integer uid;

    /** Calls of this client that Odoo refused or dropped as overloaded so far (retried or not). */
    public long overloads() {
        return concurrency.overloads();
    }

    public OdooClient(String tenant, OdooTransport transport, RetryPolicy retry, int maxConcurrentCalls,
                      Sleeper sleeper) {
        this.tenant = tenant;
        this.transport = transport;
        this.retry = retry;
        this.concurrency = new CallLimit(maxConcurrentCalls);
        this.sleeper = sleeper;
    }

    /**
     * The transport a bundle names: {@code jsonrpc}, {@code xmlrpc} or {@code json2}; answers capped at the
     * connection's own {@code max-response-size}, else 64 MB (as {@code pulse.odoo.max-response-size}).
     */
    public static OdooTransport transport(String name, Tenant.OdooConnection connection, HttpClient http,
                                          Duration timeout) {
        return transport(name, connection, http, timeout, DataSize.ofBytes(HttpExchange.DEFAULT_MAX_RESPONSE_BYTES));
    }

    /**
     * @param timeout the deadline of one call, reading the whole answer included
     * @param maxResponseSize the cap on one answer unless the connection sets its own
     */
    public static OdooTransport transport(String name, Tenant.OdooConnection connection, HttpClient http,
                                          Duration timeout, DataSize maxResponseSize) {
        HttpExchange exchange = new HttpExchange(http, timeout,
                connection.maxResponseSize().orElse(maxResponseSize).toBytes());
        return switch (name) {
            case "jsonrpc" -> new JsonRpcTransport(connection, exchange);
            case "xmlrpc" -> new XmlRpcTransport(connection, exchange);
            case "json2" -> new Json2Transport(connection, exchange);
            default -> throw new IllegalArgumentException("unknown Odoo transport '" + name
                    + "' (known: auto, jsonrpc, xmlrpc, json2)");
        };
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Odoo's own clock (from its last answer), which stamps its write_dates; empty before any answer told it. */
    public Optional<Instant> serverNow() {
        return transport.serverNow();
    }

    public String transportName() {
        return transport.name();
    }

    public JsonNode version() {
        return withRetries("version", transport::version);
    }

    /** The user id for the tenant's login; cached after the first success. */
    public int uid() {
        Integer known = uid;
        if (known == null) {
            known = withRetries("authenticate", transport::authenticate);
            uid = known;
        }
        return known;
    }

    public List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields, String order,
                                                int limit, Map<String, ?> context) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("domain", domain);
        kwargs.put("fields", fields);
        kwargs.put("order", order);
        kwargs.put("limit", limit);
        kwargs.put("context", context);
        return OdooJson.MAPPER.convertValue(execute(model, "search_read", null, kwargs), RECORDS);
    }

    public int searchCount(String model, List<?> domain, Map<String, ?> context) {
        return execute(model, "search_count", null, Map.of("domain", domain, "context", context)).asInt();
    }

    /** Ids only, in id order: the cheap call that deletion reconciliation pages through. */
    public List<Integer> searchIds(String model, List<?> domain, int limit, Map<String, ?> context) {
        return OdooJson.MAPPER.convertValue(execute(model, "search", null,
                Map.of("domain", domain, "order", "id asc", "limit", limit, "context", context)), IDS);
    }

    public JsonNode fieldsGet(String model, List<String> attributes) {
        return execute(model, "fields_get", null, Map.of("attributes", attributes));
    }

    public JsonNode execute(String model, String method, List<Integer> ids, Map<String, ?> kwargs) {
        boolean loggedInAgain = false;
        while (true) {
            int user = uid();
            try {
                return withRetries(model + "." + method, () -> transport.call(user, model, method, ids, kwargs));
            } catch (OdooSessionExpiredException expired) {
                if (loggedInAgain) {
                    throw expired;
                }
                LOG.info("tenant {}: Odoo session expired during {}.{}; logging in again", tenant, model, method);
                uid = null;
                loggedInAgain = true;
            }
        }
    }

    private <T> T withRetries(String what, java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                concurrency.acquire();
                long started = System.nanoTime();
                boolean overloaded = false;
                try {
                    return call.get();
                } catch (OdooUnavailableException e) {
                    overloaded = true;
                    throw e;
                } finally {
                    concurrency.release(Duration.ofNanos(System.nanoTime() - started), overloaded);
                }
            } catch (OdooResponseTooLargeException e) {
                throw e.forCall(tenant, what);
            } catch (OdooUnavailableException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new OdooUnavailableException("tenant " + tenant + ": " + what + " still failing after "
                            + attempt + " attempts: " + e.getMessage(), e, e.retryAfter().orElse(null));
                }
                Duration wait = retry.delayAfter(attempt, e.retryAfter());
                LOG.warn("tenant {}: {} failed (attempt {} of {}), retrying in {} ms: {}", tenant, what, attempt,
                        retry.maxAttempts(), wait.toMillis(), e.getMessage());
                sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OdooUnavailableException("tenant " + tenant + ": interrupted while calling " + what, e);
            }
        }
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooUnavailableException("tenant " + tenant + ": interrupted while waiting to retry", e);
        }
    }
}
