package io.odoopulse.demo.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal real-HTTP JSON-RPC client for tests, so every test exercises the wire format. */
final class Rpc {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final String db;
    private final int uid;
    private final String password;

    Rpc(OdooSimulator sim) {
        this(sim.url(), sim.settings().db(), 2, sim.settings().password());
    }

    Rpc(String url, String db, int uid, String password) {
        this.url = url;
        this.db = db;
        this.uid = uid;
        this.password = password;
    }

    Rpc as(int uid, String password) {
        return new Rpc(url, db, uid, password);
    }

    /** POST /jsonrpc; returns the whole parsed response envelope. */
    Map<String, Object> call(String service, String method, Object... args) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("service", service);
        params.put("method", method);
        params.put("args", List.of(args));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("method", "call");
        body.put("params", params);
        body.put("id", 1);
        return envelope(post("/jsonrpc", write(body), "application/json").body());
    }

    /** execute_kw and return "result", failing loudly on an error object. */
    Object execute(String model, String method, List<?> args, Map<String, ?> kwargs) {
        Map<String, Object> env = executeRaw(model, method, args, kwargs);
        if (env.containsKey("error")) throw new AssertionError("unexpected RPC error: " + env.get("error"));
        return env.get("result");
    }

    Map<String, Object> executeRaw(String model, String method, List<?> args, Map<String, ?> kwargs) {
        return call("object", "execute_kw", db, uid, password, model, method, args, kwargs);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> searchRead(String model, List<?> domain, Map<String, ?> kwargs) {
        return (List<Map<String, Object>>) execute(model, "search_read", List.of(domain), kwargs);
    }

    int searchCount(String model, List<?> domain, Map<String, ?> kwargs) {
        return ((Number) execute(model, "search_count", List.of(domain), kwargs)).intValue();
    }

    HttpResponse<String> post(String path, String body, String contentType) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) b.header("Content-Type", contentType);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> envelope(String json) {
        try {
            return MAPPER.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> errorData(Map<String, Object> envelope) {
        return (Map<String, Object>) ((Map<String, Object>) envelope.get("error")).get("data");
    }
}
