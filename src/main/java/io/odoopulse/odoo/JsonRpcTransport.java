package io.odoopulse.odoo;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.tenant.Tenant;

/** Odoo's JSON-RPC API at {@code POST /jsonrpc}: services {@code common} and {@code object}. Odoo 8 to 19. */
final class JsonRpcTransport extends ServiceRpcTransport {

    /** Odoo's JSON-RPC error code for an expired session. */
    private static final int SESSION_EXPIRED = 100;

    private final URI endpoint;
    private final HttpExchange http;
    private final AtomicLong requestIds = new AtomicLong();

    JsonRpcTransport(Tenant.OdooConnection connection, HttpExchange http) {
        super(connection);
        this.endpoint = URI.create(OdooJson.stripSlash(connection.url()) + "/jsonrpc");
        this.http = http;
    }

    @Override
    public String name() {
        return "jsonrpc";
    }

    @Override
    protected JsonNode rpc(String service, String method, List<?> args) {
        String what = "Odoo " + endpoint + " " + service + "." + method;
        byte[] body;
        try {
            body = OdooJson.MAPPER.writeValueAsBytes(Map.of("jsonrpc", "2.0", "method", "call",
                    "params", Map.of("service", service, "method", method, "args", args),
                    "id", requestIds.incrementAndGet()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + what + ": " + e.getOriginalMessage(), e);
        }
        var response = http.post(endpoint, "application/json", body, Map.of(), what);
        // Odoo answers its own errors with HTTP 200 here, so any 5xx or 429 comes from overload or a proxy.
        HttpExchange.requireNotTransient(response, what);
        JsonNode reply;
        try {
            reply = OdooJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            // A cut or garbled body is a transport accident, not Odoo's answer: retry.
            throw new OdooUnavailableException(what + " returned a body that is not complete JSON (HTTP "
                    + response.statusCode() + ")", e);
        }
        JsonNode error = reply.get("error");
        if (error != null) {
            JsonNode data = error.path("data");
            String message = connection.password().redact(data.path("message").asText(error.path("message").asText()))
                    + " (" + what + ")";
            if (error.path("code").asInt() == SESSION_EXPIRED) {
                throw new OdooSessionExpiredException(message);
            }
            throw new OdooException(data.path("name").asText(error.path("message").asText("odoo error")), message);
        }
        // A method returning None has no "result" key at all.
        return reply.has("result") ? reply.get("result") : OdooJson.MAPPER.nullNode();
    }

    @Override
    public Optional<Instant> serverNow() {
        return http.serverNow();
    }
}
