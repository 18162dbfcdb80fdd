package io.odoopulse.odoo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.tenant.Tenant;

/**
 * Odoo 19's JSON-2 API: {@code POST /json/2/<model>/<method>} with named parameters, an API key as bearer token
 * and the database in {@code X-Odoo-Database}. Errors come as HTTP statuses with Odoo's error object as the body.
 */
final class Json2Transport implements OdooTransport {

    private final Tenant.OdooConnection connection;
    private final String base;
    private final HttpExchange http;

    Json2Transport(Tenant.OdooConnection connection, HttpExchange http) {
        this.connection = connection;
        this.base = OdooJson.stripSlash(connection.url());
        this.http = http;
    }

    @Override
    public String name() {
        return "json2";
    }

    @Override
    public JsonNode version() {
        // JSON-2 has no version method; this JSON route answers the same as common.version, without credentials.
        String what = "Odoo " + base + " version_info";
        var response = http.post(URI.create(base + "/web/webclient/version_info"), "application/json",
                "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {}}".getBytes(), Map.of(), what);
        HttpExchange.requireNotTransient(response, what);
        return parse(response, what).path("result");
    }

    @Override
    public int authenticate() {
        JsonNode context = call(0, "res.users", "context_get", null, Map.of());
        return OdooJson.uidOrRefuse(context.get("uid"), connection);
    }

    @Override
    public JsonNode call(int uid, String model, String method, List<Integer> ids, Map<String, ?> kwargs) {
        String what = "Odoo " + base + " JSON-2 " + model + "." + method;
        Map<String, Object> body = new LinkedHashMap<>(kwargs);
        if (ids != null) {
            body.put("ids", ids);
        }
        byte[] bytes;
        try {
            bytes = OdooJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + what + ": " + e.getOriginalMessage(), e);
        }
        var response = http.post(URI.create(base + "/json/2/" + model + "/" + method), "application/json", bytes,
                Map.of("Authorization", "bearer " + connection.password().value(),
                        "X-Odoo-Database", connection.database()), what);
        int status = response.statusCode();
        if (status == 200) {
            return parse(response, what);
        }
        JsonNode error = errorBody(response);
        if (error == null) {
            // Not Odoo's error object: a proxy or an overloaded server.
            HttpExchange.requireNotTransient(response, what);
            throw new OdooException("http." + status, what + " answered HTTP " + status);
        }
        String name = error.path("name").asText();
        String message = connection.password().redact(error.path("message").asText()) + " (" + what + ", HTTP "
                + status + ")";
        if (status == 401) {
            throw new OdooException("odoo.exceptions.AccessDenied", message);
        }
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            HttpExchange.requireNotTransient(response, what);
        }
        throw new OdooException(name, message);
    }

    private static JsonNode parse(HttpResponse<byte[]> response, String what) {
        try {
            return OdooJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new OdooUnavailableException(what + " returned a body that is not complete JSON", e);
        }
    }

    private static JsonNode errorBody(HttpResponse<byte[]> response) {
        try {
            JsonNode body = OdooJson.MAPPER.readTree(response.body());
            return body != null && body.hasNonNull("name") ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Optional<Instant> serverNow() {
        return http.serverNow();
    }
}
