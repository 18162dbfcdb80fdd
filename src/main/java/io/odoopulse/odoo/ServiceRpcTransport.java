package io.odoopulse.odoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.tenant.Tenant;

/**
 * What JSON-RPC and XML-RPC share: Odoo's {@code common} and {@code object} services, credentials in every call
 * ({@code execute_kw(db, uid, password, model, method, args, kwargs)}). Subclasses only encode one call on the wire.
 */
abstract class ServiceRpcTransport implements OdooTransport {

    protected final Tenant.OdooConnection connection;

    ServiceRpcTransport(Tenant.OdooConnection connection) {
        this.connection = connection;
    }

    /** One call of {@code service.method(args)}; Odoo's errors raised as {@link OdooException}. */
    protected abstract JsonNode rpc(String service, String method, List<?> args);

    @Override
    public JsonNode version() {
        return rpc("common", "version", List.of());
    }

    @Override
    public int authenticate() {
        return OdooJson.uidOrRefuse(rpc("common", "authenticate",
                List.of(connection.database(), connection.login(), connection.password().value(), Map.of())), connection);
    }

    @Override
    public JsonNode call(int uid, String model, String method, List<Integer> ids, Map<String, ?> kwargs) {
        List<Object> args = new ArrayList<>();
        if (ids != null) {
            args.add(ids);
        }
        return rpc("object", "execute_kw", List.of(connection.database(), uid, connection.password().value(), model,
                method, args, kwargs));
    }
}
