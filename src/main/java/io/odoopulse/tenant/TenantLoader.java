package io.odoopulse.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.springframework.core.env.PropertyResolver;

/**
 * Reads one tenant bundle file into a {@link Tenant}. Placeholders such as {@code ${ACME_ODOO_PASSWORD}} are
 * resolved from the environment first, so secrets stay out of the file; every error names the file.
 */
public class TenantLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final PropertyResolver placeholders;
    private final String defaultCron;
    private final int defaultPageSize;
    private final java.util.function.Supplier<java.util.Set<String>> cardIds;

    /**
     * @param defaultCron, defaultPageSize what a bundle without its own gets ({@code pulse.defaults.*})
     * @param cardIds the KPI cards a bundle may set levels for ({@code kpi.sentiment})
     */
    public TenantLoader(PropertyResolver placeholders, String defaultCron, int defaultPageSize,
                        java.util.function.Supplier<java.util.Set<String>> cardIds) {
        this.placeholders = placeholders;
        this.defaultCron = defaultCron;
        this.defaultPageSize = defaultPageSize;
        this.cardIds = cardIds;
    }

    /** @return the tenant, or empty when the bundle says {@code enabled: false} */
    public Optional<Tenant> load(Path file) {
        TenantFile form = parse(file);
        if (Boolean.FALSE.equals(form.enabled())) {
            return Optional.empty();
        }
        String id = require(file, "id", form.id());
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new TenantConfigException(file + ": key 'id': '" + id
                    + "' must be lower-case letters, digits and '-' (it names routes, metrics and stored rows)");
        }
        TenantFile.Odoo odoo = form.odoo();
        if (odoo == null) {
            throw new TenantConfigException(file + ": missing section 'odoo' (url, database, login, password)");
        }
        Tenant.OdooConnection connection = new Tenant.OdooConnection(
                require(file, "odoo.url", odoo.url()),
                require(file, "odoo.database", odoo.database()),
                require(file, "odoo.login", odoo.login()),
                password(file, odoo),
                transport(file, odoo.transport()),
                Optional.ofNullable(odoo.maxResponseSize()));
        String cron = form.schedule() != null && form.schedule().cron() != null ? form.schedule().cron() : defaultCron;
        Tenant.Pull pull = pull(file, form.pull());
        TenantFile.Kpi kpi = form.kpi() != null ? form.kpi() : new TenantFile.Kpi(null, null, null, null, null, null,
                null, null);
        return Optional.of(new Tenant(
                id,
                form.name() != null ? form.name() : id,
                connection,
                cron,
                pull,
                zone(file, kpi.timezone()),
                asOf(file, kpi.asOf()),
                file,
                mappingOverrides(file, form.mappingOverrides()),
                kpiSettings(file, kpi)));
    }

    private TenantFile parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TenantConfigException(file + ": cannot read tenant bundle: " + e.getMessage(), e);
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null ? " line " + e.getLocation().getLineNr() : "";
            throw new TenantConfigException(file + where + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new TenantConfigException(file + ": the tenant bundle is empty or not a mapping of keys");
        }
        resolvePlaceholders(file, text, tree, new ArrayList<>());
        try {
            return YAML.treeToValue(tree, TenantFile.class);
        } catch (JsonMappingException e) {
            List<String> path = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(java.util.Objects::nonNull).toList();
            throw new TenantConfigException(file + " line " + YamlLines.lineOf(text, path) + ": key '"
                    + String.join(".", path) + "': " + e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", ""), e);
        } catch (JsonProcessingException e) {
            throw new TenantConfigException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Resolves {@code ${NAME}} in each value separately (not in the whole text, so comments are left alone and an
     * error quotes only the one value, which holds the placeholder and never a secret).
     */
    private void resolvePlaceholders(Path file, String text, JsonNode node, List<String> path) {
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            path.add(field.getKey());
            JsonNode value = field.getValue();
            if (value.isObject()) {
                resolvePlaceholders(file, text, value, path);
            } else if (value.isTextual() && value.asText().contains("${")) {
                try {
                    ((ObjectNode) node).put(field.getKey(), placeholders.resolveRequiredPlaceholders(value.asText()));
                } catch (IllegalArgumentException e) {
                    throw new TenantConfigException(file + " line " + YamlLines.lineOf(text, path) + ": key '"
                            + String.join(".", path) + "': " + e.getMessage()
                            + " (set it in the environment or application.yaml)", e);
                }
            }
            path.remove(path.size() - 1);
        }
    }

    private static Secret password(Path file, TenantFile.Odoo odoo) {
        if (odoo.passwordFile() != null && !odoo.passwordFile().isBlank()) {
            Path secretFile = file.resolveSibling(odoo.passwordFile());
            try {
                return new Secret(Files.readString(secretFile).strip());
            } catch (IOException e) {
                throw new TenantConfigException(file + ": key 'odoo.password-file': cannot read " + secretFile, e);
            }
        }
        return new Secret(require(file, "odoo.password", odoo.password()));
    }

    /** Relative to the bundle, so that a bundle and its override file travel together. */
    private static Optional<Path> mappingOverrides(Path file, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path overrides = file.resolveSibling(value);
        if (!Files.isReadable(overrides)) {
            throw new TenantConfigException(file + ": key 'mapping-overrides': cannot read " + overrides);
        }
        return Optional.of(overrides);
    }

    private Tenant.Pull pull(Path file, TenantFile.Pull form) {
        TenantFile.Pull given = form != null ? form : new TenantFile.Pull(null, null, null, null, null, null, null, null,
                null);
        Tenant.Pull standard = Tenant.Pull.defaults(defaultPageSize, List.of("sale.order"));
        int pageSize = inRange(file, "pull.page-size", given.pageSize(), standard.pageSize(), 1, 10_000);
        int concurrent = inRange(file, "pull.max-concurrent-calls", given.maxConcurrentCalls(),
                standard.maxConcurrentCalls(), 1, 16);
        int overlap = inRange(file, "pull.overlap-seconds", given.overlapSeconds(), (int) standard.overlap().toSeconds(),
                0, 86_400);
        int reconcile = inRange(file, "pull.reconcile-every", given.reconcileEvery(), standard.reconcileEvery(), 0,
                1_000_000);
        double maxDropShare = given.reconcileMaxDropShare() != null ? given.reconcileMaxDropShare()
                : standard.reconcileMaxDropShare();
        if (!(maxDropShare >= 0 && maxDropShare <= 1)) {
            throw new TenantConfigException(file + ": key 'pull.reconcile-max-drop-share': " + maxDropShare
                    + " is outside 0..1 (a share of the model's rows: 0.1 is 10 %)");
        }
        int maxDropRows = inRange(file, "pull.reconcile-max-drop-rows", given.reconcileMaxDropRows(),
                standard.reconcileMaxDropRows(), 0, 100_000_000);
        int confirmAfter = inRange(file, "pull.reconcile-confirm-after", given.reconcileConfirmAfter(),
                standard.reconcileConfirmAfter(), 0, 1_000);
        List<String> models = given.models() != null ? List.copyOf(given.models()) : standard.models();
        int audit = inRange(file, "pull.audit-every", given.auditEvery(), standard.auditEvery(), 0, 1_000_000);
        return new Tenant.Pull(pageSize, models, concurrent, java.time.Duration.ofSeconds(overlap), reconcile,
                maxDropShare, maxDropRows, confirmAfter, audit);
    }

    private static int inRange(Path file, String key, Integer value, int fallback, int min, int max) {
        int chosen = value != null ? value : fallback;
        if (chosen < min || chosen > max) {
            throw new TenantConfigException(file + ": key '" + key + "': " + chosen + " is outside " + min + ".."
                    + max);
        }
        return chosen;
    }

    private static String transport(Path file, String value) {
        if (value == null || value.isBlank()) {
            return Tenant.OdooConnection.AUTO;
        }
        if (!java.util.Set.of("auto", "jsonrpc", "xmlrpc", "json2").contains(value)) {
            throw new TenantConfigException(file + ": key 'odoo.transport': '" + value
                    + "' is not one of auto, jsonrpc, xmlrpc, json2");
        }
        return value;
    }

    private static String require(Path file, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new TenantConfigException(file + ": missing required key '" + key + "'");
        }
        return value;
    }

    private KpiSettings kpiSettings(Path file, TenantFile.Kpi kpi) {
        KpiSettings standard = KpiSettings.defaults();
        Optional<String> currency = Optional.ofNullable(kpi.reportingCurrency()).filter(c -> !c.isBlank());
        if (currency.isPresent() && !currency.get().matches("[A-Z]{3}")) {
            throw new TenantConfigException(file + ": key 'kpi.reporting-currency': '" + currency.get()
                    + "' is not an ISO currency code such as EUR");
        }
        java.math.BigDecimal lowStock = kpi.lowStockThreshold() != null ? kpi.lowStockThreshold()
                : standard.lowStockThreshold();
        if (lowStock.signum() < 0) {
            throw new TenantConfigException(file + ": key 'kpi.low-stock-threshold': " + lowStock
                    + " must not be negative");
        }
        int slow = inRange(file, "kpi.slow-mover-days", kpi.slowMoverDays(), standard.slowMoverDays(), 1, 3650);
        int churn = inRange(file, "kpi.churn-days", kpi.churnDays(), standard.churnDays(), 1, 3650);
        java.util.Map<String, KpiSettings.Threshold> thresholds = new java.util.TreeMap<>();
        if (kpi.sentiment() != null) {
            kpi.sentiment().forEach((card, t) -> {
                if (!cardIds.get().contains(card)) {
                    throw new TenantConfigException(file + ": key 'kpi.sentiment." + card + "': no card '" + card
                            + "' (cards: " + String.join(", ", cardIds.get()) + ")");
                }
                if (t == null || t.positive() == null && t.negative() == null && t.alertDrop() == null
                        && t.alertRise() == null) {
                    throw new TenantConfigException(file + ": key 'kpi.sentiment." + card
                            + "': give 'positive', 'negative', 'alert-drop' or 'alert-rise'");
                }
                if (t.alertDrop() != null && t.alertRise() != null) {
                    throw new TenantConfigException(file + ": key 'kpi.sentiment." + card
                            + "': give 'alert-drop' or 'alert-rise', not both");
                }
                for (var alert : java.util.Arrays.asList(t.alertDrop(), t.alertRise())) {
                    if (alert != null && alert.signum() <= 0) {
                        throw new TenantConfigException(file + ": key 'kpi.sentiment." + card + "': alert level "
                                + alert + " must be a positive percentage");
                    }
                }
                thresholds.put(card, new KpiSettings.Threshold(t.positive(), t.negative(), t.alertDrop(),
                        t.alertRise()));
            });
        }
        return new KpiSettings(currency, lowStock, slow, churn, java.util.Map.copyOf(thresholds),
                missingDataAfter(file, kpi.missingDataAfter()));
    }

    private static java.time.Duration missingDataAfter(Path file, String value) {
        if (value == null) {
            return KpiSettings.DEFAULT_MISSING_DATA_AFTER;
        }
        java.time.Duration after;
        try {
            after = org.springframework.boot.convert.DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new TenantConfigException(file + ": key 'kpi.missing-data-after': '" + value
                    + "' is not a duration such as 6h, 90m or PT6H", e);
        }
        if (after.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            throw new TenantConfigException(file + ": key 'kpi.missing-data-after': " + value
                    + " must be at least 1m");
        }
        return after;
    }

    private static ZoneId zone(Path file, String value) {
        if (value == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new TenantConfigException(file + ": key 'kpi.timezone': unknown time zone '" + value + "'", e);
        }
    }

    private static Optional<Instant> asOf(Path file, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeException e) {
            throw new TenantConfigException(file + ": key 'kpi.as-of': '" + value
                    + "' is not an ISO instant such as 2026-11-22T00:00:00Z", e);
        }
    }
}
