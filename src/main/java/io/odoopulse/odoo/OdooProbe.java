package io.odoopulse.odoo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.tenant.Tenant;

/**
 * What a merchant's Odoo can feed, asked before onboarding and at connect: version, edition, the apps behind the
 * cards, companies, currencies and how many records each pulled model holds. A card whose app is missing is
 * reported unavailable, never as zero.
 */
public final class OdooProbe {

    /** The apps that feed cards, and the model whose presence shows each when the module list is not readable. */
    static final Map<String, String> APPS = new LinkedHashMap<>();
    /** Models and fields that exist only with an app installed (a shop without it lacks them, by design). */
    static final Map<String, String> APP_OF_MODEL = Map.of("pos.order", "point_of_sale",
            "stock.warehouse.orderpoint", "stock", "stock.location", "stock");
    static final Map<String, String> APP_OF_FIELD = Map.of("sale.order.website_id", "website_sale",
            "product.product.is_published", "website_sale");
    /** Fields Odoo shows only to a group: a user outside it reads the model without them (SchemaCheck). */
    public static final Map<String, String> GROUP_OF_FIELD = Map.of("stock.quant.value",
            "Inventory / Administrator (stock.group_stock_manager)");
    /** Card groups and the apps each needs. */
    static final Map<String, List<String>> CARDS = new LinkedHashMap<>();

    static {
        APPS.put("sale", "sale.order");
        APPS.put("stock", "stock.quant");
        APPS.put("account", "account.move");
        APPS.put("website_sale", "website");
        APPS.put("point_of_sale", "pos.order");
        APPS.put("mrp", "mrp.production");
        CARDS.put("sales (revenue, orders, AOV, order mix, cancellations)", List.of("sale"));
        CARDS.put("customer health (new vs repeat, churn risk, top customers)", List.of("sale"));
        CARDS.put("catalogue health", List.of("sale"));
        CARDS.put("refunds (credit notes)", List.of("account"));
        CARDS.put("finance (invoiced vs paid, overdue, payment methods)", List.of("account"));
        CARDS.put("inventory health (stock-outs, low, negative, slow movers)", List.of("stock"));
        CARDS.put("online channel split", List.of("website_sale"));
        CARDS.put("point-of-sale channel split", List.of("point_of_sale"));
        CARDS.put("audit checks: negative quants, below reorder point (and falling)", List.of("stock"));
        CARDS.put("audit checks: orders not invoiced", List.of("sale"));
        CARDS.put("audit checks: credit-note share, draft invoices past the close", List.of("account"));
        CARDS.put("audit checks: published catalogue gaps", List.of("website_sale"));
        CARDS.put("audit checks: published out of stock", List.of("website_sale", "stock"));
        CARDS.put("inventory value, audit check: slow-moving share (read by an inventory administrator)",
                List.of("stock"));
    }

    /**
     * The probe's findings, in the order a merchant is asked about them.
     *
     * @param recordCounts per model, its records (archived included, every company the user sees); -1 not readable
     * @param readAccess per model, whether the user may read it (check_access_rights)
     * @param missingFields per model the mapping reads, the fields it reads that fields_get lacks (empty: all there)
     * @param notes what the merchant must know before onboarding (e.g. Odoo Online's plan)
     */
    public record Report(String url, String transport, ServerVersion version, Map<String, Boolean> apps,
                         List<String> companies, List<String> currencies, Map<String, Integer> recordCounts,
                         Map<String, Boolean> cards, Map<String, Boolean> readAccess,
                         Map<String, List<String>> missingFields, String mappingFile, List<String> notes,
                         List<AccessChecks.Check> access) {

        /** The access checks, one line each: what the integration user may do (kept apart from render's body). */
        public String renderAccess() {
            StringBuilder text = new StringBuilder("  access\n");
            access.forEach(c -> text.append(String.format("    %-4s %-22s %s%n", c.ok() ? "ok" : "FAIL", c.check(),
                    c.detail())));
            return text.toString();
        }

        public String render() {
            StringBuilder text = new StringBuilder();
            text.append("Odoo at ").append(url).append(" over ").append(transport).append('\n');
            text.append("  version   ").append(version.serverVersion()).append(" (").append(version.edition())
                    .append(")\n");
            text.append("  apps      ");
            apps.forEach((app, installed) -> text.append(app).append(installed ? " yes  " : " no  "));
            text.append("\n  companies ").append(String.join("; ", companies)).append('\n');
            text.append("  currencies ").append(String.join(", ", currencies)).append('\n');
            text.append("  records                        read access\n");
            recordCounts.forEach((model, count) -> text.append(String.format("    %-20s %10s   %s%n", model,
                    count < 0 ? "-" : String.format("%,d", count),
                    readAccess.getOrDefault(model, false) ? "yes" : "no (app missing or no access)")));
            if (mappingFile != null) {
                text.append("  mapped fields (").append(mappingFile).append(")\n");
                missingFields.forEach((model, missing) -> text.append(String.format("    %-20s %s%n", model,
                        missing.isEmpty() ? "all present in fields_get" : "missing: " + String.join(", ", missing))));
            }
            text.append("  cards\n");
            cards.forEach((card, available) -> text.append("    ").append(available ? "[lights up]   " :
                    "[unavailable] ").append(card).append('\n'));
            notes.forEach(note -> text.append("  note: ").append(note).append('\n'));
            return text.toString();
        }
    }

    private OdooProbe() {
    }

    public static Report probe(String url, OdooClient client, Map<String, Object> context, List<String> models) {
        return probe(url, client, context, models, null);
    }

    /** @param mapping the mapping whose every source field is looked up in fields_get; null = none */
    public static Report probe(String url, OdooClient client, Map<String, Object> context, List<String> models,
                               MappingFile mapping) {
        ServerVersion version = ServerVersion.of(client.version());
        Map<String, Boolean> apps = installedApps(client);
        List<String> companies = new ArrayList<>();
        for (JsonNode company : client.execute("res.company", "search_read", null, Map.of("domain", List.of(),
                "fields", List.of("name", "currency_id"), "context", context))) {
            companies.add(company.path("id").asInt() + " " + company.path("name").asText() + " ("
                    + company.path("currency_id").path(1).asText() + ")");
        }
        List<String> currencies = new ArrayList<>();
        for (JsonNode currency : client.execute("res.currency", "search_read", null, Map.of("domain",
                List.of(List.of("active", "=", true)), "fields", List.of("name")))) {
            currencies.add(currency.path("name").asText());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Boolean> access = new LinkedHashMap<>();
        for (String model : models) {
            access.put(model, mayRead(client, model));
            try {
                counts.put(model, client.searchCount(model, List.of(), context));
            } catch (OdooException missingOrRefused) {
                counts.put(model, -1);
            }
        }
        Map<String, List<String>> missing = new LinkedHashMap<>();
        if (mapping != null) {
            mapping.models().forEach((model, rules) -> {
                try {
                    JsonNode fields = client.fieldsGet(model, List.of("type"));
                    missing.put(model, rules.sourceFields().stream().filter(f -> !fields.has(f))
                            .map(f -> GROUP_OF_FIELD.containsKey(model + "." + f) ? f + " (shown only to "
                                    + GROUP_OF_FIELD.get(model + "." + f) + ": not read, its cards unavailable)" : f)
                            .toList());
                } catch (OdooException unknownModel) {
                    missing.put(model, List.of("the whole model (" + unknownModel.getMessage() + ")"));
                }
            });
        }
        Map<String, Boolean> cards = new LinkedHashMap<>();
        CARDS.forEach((card, needs) -> cards.put(card, needs.stream().allMatch(app -> apps.getOrDefault(app, false))));
        List<String> notes = new ArrayList<>();
        if (isOdooOnline(url)) {
            notes.add("this is Odoo Online: its external API (JSON-RPC, XML-RPC, JSON-2) is open only on the Custom "
                    + "plan; on One App Free and Standard every call is refused");
        }
        return new Report(url, client.transportName(), version, apps, companies, currencies, counts, cards, access,
                missing, mapping != null ? mapping.file() : null, notes, AccessChecks.run(client));
    }

    static boolean isOdooOnline(String url) {
        String host = java.net.URI.create(url).getHost();
        return host != null && (host.equals("odoo.com") || host.endsWith(".odoo.com"));
    }

    /** check_access_rights answers without raising; Odoo 18 and later also offer has_access under that name. */
    private static boolean mayRead(OdooClient client, String model) {
        try {
            return client.execute(model, "check_access_rights", null, Map.of("operation", "read",
                    "raise_exception", false)).asBoolean(false);
        } catch (OdooException unknownModelOrMethod) {
            try {
                return client.execute(model, "has_access", null, Map.of("operation", "read")).asBoolean(false);
            } catch (OdooException unknownModel) {
                return false;
            }
        }
    }

    /** From the module list when the user may read it; otherwise from which models exist. */
    public static Map<String, Boolean> installedApps(OdooClient client) {
        Map<String, Boolean> apps = new LinkedHashMap<>();
        try {
            JsonNode modules = client.execute("ir.module.module", "search_read", null, Map.of(
                    "domain", List.of(List.of("name", "in", new ArrayList<>(APPS.keySet()))),
                    "fields", List.of("name", "state")));
            APPS.keySet().forEach(app -> apps.put(app, false));
            modules.forEach(m -> apps.put(m.path("name").asText(), "installed".equals(m.path("state").asText())));
        } catch (OdooException noModuleList) {
            APPS.forEach((app, model) -> apps.put(app, modelExists(client, model)));
        }
        return apps;
    }

    /**
     * Of the models a bundle pulls, those whose app is not installed, and the fields of the others that belong to
     * an app not installed, as {@code model} and {@code model.field}.
     */
    public static java.util.Set<String> absentWithoutApps(List<String> models, Map<String, Boolean> apps) {
        java.util.Set<String> absent = new java.util.TreeSet<>();
        for (String model : models) {
            String app = APP_OF_MODEL.get(model);
            if (app != null && !apps.getOrDefault(app, false)) {
                absent.add(model);
            }
        }
        APP_OF_FIELD.forEach((field, app) -> {
            if (!apps.getOrDefault(app, false)) {
                absent.add(field);
            }
        });
        return absent;
    }

    private static boolean modelExists(OdooClient client, String model) {
        try {
            client.execute(model, "check_access_rights", null, Map.of("operation", "read",
                    "raise_exception", false));
            return true;
        } catch (OdooException unknownModel) {
            return false;
        }
    }

    /** The models a probe counts: every model a bundle may pull. */
    static final List<String> MODELS = List.of("sale.order", "sale.order.line", "account.move", "account.payment",
            "product.product", "res.partner", "stock.quant", "stock.move", "res.currency.rate", "res.company");

    /** Probes the Odoo a tenant bundle points at, with the bundle's transport and credentials. */
    public static Report forTenant(Tenant tenant) {
        return forTenant(tenant, null);
    }

    /**
     * @param mappings the mapping files; the server's version picks one, with the tenant's overrides merged, whose
     *                 every source field is looked up; null = skip that check
     */
    public static Report forTenant(Tenant tenant, MappingCatalog mappings) {
        String transport = Tenant.OdooConnection.AUTO.equals(tenant.odoo().transport()) ? "jsonrpc"
                : tenant.odoo().transport();
        OdooClient client = new OdooClient(tenant.id(), OdooClient.transport(transport, tenant.odoo(),
                OdooClient.defaultHttpClient(), Duration.ofSeconds(60)), RetryPolicy.DEFAULT, 1,
                wait -> Thread.sleep(wait.toMillis()));
        MappingFile mapping = mappings == null ? null : mappings.forTenant(tenant.mappingOverrides(),
                ServerVersion.of(client.version()).serverVersion());
        List<String> models = new ArrayList<>(MODELS);
        tenant.pull().models().stream().filter(m -> !models.contains(m)).forEach(models::add);
        return probe(tenant.odoo().url(), client, OdooConnections.readContext(client), models, mapping);
    }
}
