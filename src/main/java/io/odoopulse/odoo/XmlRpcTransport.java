package io.odoopulse.odoo;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.tenant.Tenant;

/** Odoo's XML-RPC API at {@code /xmlrpc/2/common} and {@code /xmlrpc/2/object}. Odoo 8 to 19. */
final class XmlRpcTransport extends ServiceRpcTransport {

    private final String base;
    private final HttpExchange http;

    XmlRpcTransport(Tenant.OdooConnection connection, HttpExchange http) {
        super(connection);
        this.base = OdooJson.stripSlash(connection.url()) + "/xmlrpc/2/";
        this.http = http;
    }

    @Override
    public String name() {
        return "xmlrpc";
    }

    @Override
    protected JsonNode rpc(String service, String method, List<?> params) {
        URI endpoint = URI.create(base + service);
        String what = "Odoo " + endpoint + " " + method;
        var response = http.post(endpoint, "text/xml", XmlRpcCodec.encodeCall(method, params), Map.of(), what);
        HttpExchange.requireNotTransient(response, what);
        try {
            return XmlRpcCodec.decodeResponse(response.body());
        } catch (XmlRpcCodec.Fault fault) {
            throw new OdooException(errorName(fault), connection.password().redact(lastLine(fault.getMessage()))
                    + " (" + what + ")");
        } catch (IllegalArgumentException e) {
            // A cut or garbled body is a transport accident, not Odoo's answer: retry.
            throw new OdooUnavailableException(what + " returned a body that is not complete XML-RPC", e);
        }
    }

    /** Odoo's fault codes: 3 access denied (credentials), 4 access error or user error, 1 anything else. */
    private static String errorName(XmlRpcCodec.Fault fault) {
        return switch (fault.code()) {
            case "3", "AccessDenied" -> "odoo.exceptions.AccessDenied";
            case "4" -> "odoo.exceptions.AccessError";
            default -> {
                String last = lastLine(fault.getMessage());
                int colon = last.indexOf(':');
                yield colon > 0 && !last.substring(0, colon).contains(" ") ? last.substring(0, colon) : "xmlrpc.fault."
                        + fault.code();
            }
        };
    }

    /** A fault string may hold a whole traceback; its last line is the error. */
    private static String lastLine(String text) {
        String trimmed = text == null ? "" : text.strip();
        int newline = trimmed.lastIndexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(newline + 1);
    }

    @Override
    public Optional<Instant> serverNow() {
        return http.serverNow();
    }
}
