package io.odoopulse.odoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the integration user may do on the merchant's Odoo, checked at connect and by the probe: the credential is
 * accepted, the version is one odoo-pulse maps (16 to 19), the user may read the five models behind the cards, and
 * which edition runs. A failed check names what is missing, never the credential.
 */
public final class AccessChecks {

    /** The models without which whole card sections stay dark. */
    public static final List<String> MODELS = List.of("sale.order", "account.move", "product.product",
            "res.partner", "stock.quant");
    static final int OLDEST = 16;
    static final int NEWEST = 19;

    /**
     * One check.
     *
     * @param check {@code credential}, {@code version}, {@code read:<model>} or {@code edition}
     * @param ok whether it passed; the edition check passes on either edition and says which in {@code detail}
     */
    public record Check(String check, boolean ok, String detail) {}

    private AccessChecks() {
    }

    /** Every check, on a client whose credential is about to be tried. */
    public static List<Check> run(OdooClient client) {
        List<Check> checks = new ArrayList<>();
        try {
            client.uid();
            checks.add(new Check("credential", true, "accepted"));
        } catch (RuntimeException refused) {
            checks.add(new Check("credential", false, "refused: " + refused.getMessage()));
            return checks;
        }
        ServerVersion version = ServerVersion.of(client.version());
        checks.add(version(version));
        for (String model : MODELS) {
            checks.add(read(client, model));
        }
        checks.add(edition(client, version));
        return checks;
    }

    static Check version(ServerVersion version) {
        boolean inScope = version.major() >= OLDEST && version.major() <= NEWEST;
        return new Check("version", inScope, version.serverVersion() + (inScope ? " (mapped)"
                : " (odoo-pulse maps " + OLDEST + " to " + NEWEST + ")"));
    }

    /** check_access_rights, as Odoo answers it for this user: false, or an error when the model is absent. */
    static Check read(OdooClient client, String model) {
        try {
            JsonNode answer = client.execute(model, "check_access_rights", null, Map.of("operation", "read",
                    "raise_exception", false));
            return answer.asBoolean(false) ? new Check("read:" + model, true, "may read")
                    : new Check("read:" + model, false, "the user may not read " + model);
        } catch (OdooException e) {
            return new Check("read:" + model, false, model + " is not available: " + e.getMessage());
        }
    }

    /** Enterprise when its web client module is installed (or the server says so); Community otherwise. */
    static Check edition(OdooClient client, ServerVersion version) {
        String edition = version.edition();
        try {
            JsonNode modules = client.execute("ir.module.module", "search_read", null, Map.of("domain",
                    List.of(List.of("name", "=", "web_enterprise"), List.of("state", "=", "installed")),
                    "fields", List.of("name")));
            if (modules.size() > 0) {
                edition = "Enterprise";
            }
        } catch (OdooException moduleListNotReadable) {
            // The server's version info is then all there is.
        }
        return new Check("edition", true, edition);
    }
}
