package io.odoopulse.odoo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.tenant.Tenant;

/**
 * Odoo's external API over JSON-RPC ({@code POST /jsonrpc}, services {@code common} and {@code object}).
 * One client per tenant connection; thread-safe. Amounts are parsed as {@link BigDecimal} so money stays exact.
 */
public class OdooClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<List<Map<String, Object>>> RECORDS = new TypeReference<>() {};
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Tenant.OdooConnection connection;
    private final URI endpoint;
    private final HttpClient http;
    private final AtomicLong requestIds = new AtomicLong();
    private volatile Integer uid;

    public OdooClient(Tenant.OdooConnection connection, HttpClient http) {
        this.connection = connection;
        this.endpoint = URI.create(stripSlash(connection.url()) + "/jsonrpc");
        this.http = http;
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code common.version}: the server's version, needed before picking a mapping. */
    public Map<String, Object> version() {
        return JSON.convertValue(call("common", "version", List.of()), new TypeReference<>() {});
    }

    /** The user id for the tenant's login; cached after the first success. */
    public int uid() {
        Integer known = uid;
        if (known != null) {
            return known;
        }
        JsonNode result = call("common", "authenticate",
                List.of(connection.database(), connection.login(), connection.password().value(), Map.of()));
        if (!result.canConvertToInt()) {
            // Odoo answers false, not an error, for a wrong login or password.
            throw new OdooException("odoo.exceptions.AccessDenied",
                    "login '" + connection.login() + "' was refused by database '" + connection.database() + "'");
        }
        uid = result.asInt();
        return uid;
    }

    public List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields, String order,
                                                int limit, int offset) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("fields", fields);
        kwargs.put("order", order);
        kwargs.put("limit", limit);
        kwargs.put("offset", offset);
        kwargs.put("context", Map.of("active_test", false));
        return JSON.convertValue(executeKw(model, "search_read", List.of(domain), kwargs), RECORDS);
    }

    public int searchCount(String model, List<?> domain) {
        return executeKw(model, "search_count", List.of(domain), Map.of("context", Map.of("active_test", false)))
                .asInt();
    }

    public JsonNode executeKw(String model, String method, List<?> args, Map<String, ?> kwargs) {
        return call("object", "execute_kw",
                List.of(connection.database(), uid(), connection.password().value(), model, method, args, kwargs));
    }

    private JsonNode call(String service, String method, List<?> args) {
        Map<String, Object> body = Map.of(
                "jsonrpc", "2.0",
                "method", "call",
                "params", Map.of("service", service, "method", method, "args", args),
                "id", requestIds.incrementAndGet());
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OdooUnavailableException(describe(service, method) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooUnavailableException(describe(service, method) + " interrupted", e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new OdooUnavailableException(describe(service, method) + " answered HTTP " + response.statusCode(),
                    null);
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new OdooUnavailableException(describe(service, method) + " returned a body that is not JSON (HTTP "
                    + response.statusCode() + ")", e);
        }
        JsonNode error = reply.get("error");
        if (error != null) {
            JsonNode data = error.path("data");
            String name = data.path("name").asText(error.path("message").asText("odoo error"));
            String message = data.path("message").asText(error.path("message").asText());
            throw new OdooException(name, connection.password().redact(message) + " (" + describe(service, method) + ")");
        }
        // A method returning None has no "result" key at all.
        return reply.has("result") ? reply.get("result") : JSON.nullNode();
    }

    private String describe(String service, String method) {
        return "Odoo " + endpoint + " " + service + "." + method;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
