package io.odoopulse.odoo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.tenant.Tenant;

/** Helpers the transports share. */
final class OdooJson {

    /** Floats are read as exact decimals: Odoo's amounts are money. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private OdooJson() {
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Odoo answers {@code false}, not an error, to a wrong login or password. */
    static int uidOrRefuse(JsonNode result, Tenant.OdooConnection connection) {
        if (result == null || !result.canConvertToInt() || result.isBoolean()) {
            throw new OdooException("odoo.exceptions.AccessDenied", "login '" + connection.login()
                    + "' was refused by database '" + connection.database() + "' at " + connection.url());
        }
        return result.asInt();
    }
}
