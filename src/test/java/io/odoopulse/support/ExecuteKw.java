package io.odoopulse.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes to a real Odoo as its own clients send them: execute_kw over JSON-RPC with positional arguments. */
public final class ExecuteKw {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecuteKw() {
    }

    /** Calls {@code model.method(*args)} as admin (uid 2, password admin); an Odoo error is thrown. */
    public static JsonNode asAdmin(String url, String database, String model, String method, List<?> args) {
        return asAdmin(url, database, model, method, args, Map.of());
    }

    /** With keyword arguments, e.g. a context naming the companies a write may touch. */
    public static JsonNode asAdmin(String url, String database, String model, String method, List<?> args,
                                   Map<String, ?> kwargs) {
        try {
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "method", "call", "id", 1, "params",
                    Map.of("service", "object", "method", "execute_kw", "args", List.of(database, 2, "admin", model,
                            method, args, kwargs))));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/jsonrpc")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode reply = JSON.readTree(response.body());
            if (reply.has("error")) {
                throw new IllegalStateException(model + "." + method + ": " + reply.path("error").path("data")
                        .path("message").asText());
            }
            return reply.path("result");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
