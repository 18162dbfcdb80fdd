package io.odoopulse.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Creates an API key on a live Odoo the way its web client does (a session, then the identity-check wizard), as
 * recorded in odoo-contract/19.0/web-apikey-*: API keys cannot be made over /jsonrpc, and a key expires.
 */
public final class LiveApiKey {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveApiKey() {
    }

    /**
     * Registers {@code property} as a fresh API key for admin on the server whose URL is in {@code urlVariable}
     * (database in {@code databaseVariable}, else {@code defaultDatabase}); the key is made when first read.
     */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry, String property,
                                String urlVariable, String databaseVariable, String defaultDatabase) {
        registry.add(property, () -> create(System.getenv(urlVariable),
                System.getenv().getOrDefault(databaseVariable, defaultDatabase), "admin", "admin"));
    }

    public static String create(String url, String database, String login, String password) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        call(http, url + "/web/session/authenticate", Map.of("db", database, "login", login, "password", password));
        int description = kw(http, url, "res.users.apikeys.description", "create",
                List.of(Map.of("name", "odoo-pulse live suite")), Map.of()).asInt();
        int wizard = kw(http, url, "res.users.apikeys.description", "make_key", List.of(List.of(description)),
                Map.of()).path("res_id").asInt();
        kw(http, url, "res.users.identitycheck", "write", List.of(List.of(wizard), Map.of("password", password)),
                Map.of());
        JsonNode shown = kw(http, url, "res.users.identitycheck", "run_check", List.of(List.of(wizard)),
                Map.of("context", Map.of("password", password)));
        String key = shown.path("context").path("default_key").asText();
        if (key.isEmpty()) {
            throw new IllegalStateException("Odoo did not show a new API key: " + shown);
        }
        return key;
    }

    private static JsonNode kw(HttpClient http, String url, String model, String method, List<?> args,
                               Map<String, ?> kwargs) {
        return call(http, url + "/web/dataset/call_kw/" + model + "/" + method,
                Map.of("model", model, "method", method, "args", args, "kwargs", kwargs));
    }

    private static JsonNode call(HttpClient http, String url, Map<String, ?> params) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("jsonrpc", "2.0", "method", "call", "params", params, "id", 1))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode reply = JSON.readTree(response.body());
            if (reply.has("error")) {
                throw new IllegalStateException(url + " refused: " + reply.path("error").path("data").path("message"));
            }
            return reply.path("result");
        } catch (IOException e) {
            throw new IllegalStateException(url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
