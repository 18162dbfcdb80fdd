package io.odoopulse.odoo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of Odoo's external APIs: JSON-RPC ({@code /jsonrpc}), XML-RPC ({@code /xmlrpc/2/*}) or Odoo 19's JSON-2
 * ({@code /json/2/<model>/<method>}). Results come back as Jackson trees whatever the wire format, with floats as
 * exact decimals. Failures are {@link OdooException} (permanent), {@link OdooSessionExpiredException} (log in again)
 * or {@link OdooUnavailableException} (transient).
 */
public interface OdooTransport {

    /** The transport's name as a tenant bundle spells it. */
    String name();

    /** {@code common.version} (or its JSON-2 equivalent): {@code server_version}, {@code server_version_info}. */
    JsonNode version();

    /** Checks the credentials and returns the user id; a refusal is an {@link OdooException} AccessDenied. */
    int authenticate();

    /**
     * Calls a model method with keyword arguments only (the record ids, when the method takes them, separately),
     * which every transport can express.
     */
    JsonNode call(int uid, String model, String method, List<Integer> ids, Map<String, ?> kwargs);

    /** Odoo's clock as its last answer told it; empty when no answer said. */
    default Optional<Instant> serverNow() {
        return Optional.empty();
    }
}
