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

import io.odoopulse.schema.FileSchema;
import io.odoopulse.schema.Problem;
import io.odoopulse.schema.ProblemException;
import io.odoopulse.schema.YamlSource;
import org.springframework.core.env.PropertyResolver;

/**
 * Reads one tenant bundle file into a {@link Tenant}. Placeholders such as {@code ${ACME_ODOO_PASSWORD}} are
 * resolved from the environment first, so secrets stay out of the file. The bundle is then checked against its
 * schema (schema/tenant-bundle.schema.json), which also gives every absent key its default, and bound; every
 * problem is reported as {@code file:line:column: message}, all of them at once.
 */
public class TenantLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final FileSchema SCHEMA = FileSchema.TENANT_BUNDLE;

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

    /**
     * @return the tenant, or empty when the bundle says {@code enabled: false}
     * @throws TenantConfigException with every problem of the bundle
     */
    public Optional<Tenant> load(Path file) {
        List<Problem> problems = new ArrayList<>();
        Optional<Tenant> tenant = read(file, problems);
        if (!problems.isEmpty()) {
            throw new TenantConfigException(problems);
        }
        return tenant;
    }

    /** Every problem of the bundle, in file order; empty when it loads (or is disabled and well-formed). */
    public List<Problem> check(Path file) {
        List<Problem> problems = new ArrayList<>();
        read(file, problems);
        return problems;
    }

    private Optional<Tenant> read(Path file, List<Problem> problems) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            problems.add(new Problem(file.toString(), 0, 0, "cannot read tenant bundle: " + e.getMessage()));
            return Optional.empty();
        }
        YamlSource source;
        try {
            source = YamlSource.parse(file.toString(), text);
        } catch (ProblemException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
        ObjectNode tree = (ObjectNode) source.tree();
        int before = problems.size();
        resolvePlaceholders(source, tree, new ArrayList<>(), problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        if (tree.path("enabled").isBoolean() && !tree.get("enabled").asBoolean()) {
            // A switched-off bundle may lack what only its environment gives (the demo's Odoo): keys are checked.
            SCHEMA.check(source, tree).stream().filter(p -> p.message().startsWith("unknown key"))
                    .forEach(problems::add);
            return Optional.empty();
        }
        problems.addAll(SCHEMA.check(source, tree));
        if (problems.size() > before) {
            return Optional.empty();
        }
        SCHEMA.applyDefaults(tree, this::configured);
        TenantFile form;
        try {
            form = YAML.treeToValue(tree, TenantFile.class);
        } catch (JsonMappingException e) {
            List<String> path = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(java.util.Objects::nonNull).toList();
            problems.add(source.atValue(path, "key '" + String.join(".", path) + "': "
                    + e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "")));
            return Optional.empty();
        } catch (JsonProcessingException e) {
            problems.add(new Problem(file.toString(), 1, 1, e.getOriginalMessage()));
            return Optional.empty();
        }
        Checks checks = new Checks(source, problems);
        TenantFile.Odoo odoo = form.odoo();
        Tenant.OdooConnection connection = new Tenant.OdooConnection(odoo.url(), odoo.database(), odoo.login(),
                password(file, odoo, checks), odoo.transport(), Optional.ofNullable(odoo.maxResponseSize()));
        String cron = form.schedule().cron();
        if (!org.quartz.CronExpression.isValidExpression(cron)) {
            checks.atValue("schedule.cron", "'" + cron + "' is not a Quartz cron expression (seconds minutes hours "
                    + "day-of-month month day-of-week, e.g. 0 0/5 * * * ?): " + cronProblem(cron));
        }
        Tenant tenant = new Tenant(
                form.id(),
                form.name() != null ? form.name() : form.id(),
                connection,
                cron,
                pull(form.pull()),
                zone(form.kpi().timezone(), checks),
                asOf(form.kpi().asOf(), checks),
                file,
                mappingOverrides(file, form.mappingOverrides(), checks),
                kpiSettings(form.kpi(), checks),
                signingSecret(form.nerveCentre(), checks));
        return problems.size() > before ? Optional.empty() : Optional.of(tenant);
    }

    /** The application's value of a key the schema says defaults from it ({@code x-default-from}). */
    private String configured(String property) {
        return switch (property) {
            case "pulse.defaults.cron" -> defaultCron;
            case "pulse.defaults.page-size" -> String.valueOf(defaultPageSize);
            // Unset: the application applies its own (pulse.odoo.max-response-size) when it calls.
            default -> null;
        };
    }

    private static String cronProblem(String cron) {
        try {
            org.quartz.CronExpression.validateExpression(cron);
            return "";
        } catch (java.text.ParseException e) {
            return e.getMessage();
        }
    }

    /** Problems found after binding, each placed at its key's value. */
    private record Checks(YamlSource source, List<Problem> problems) {
        void atValue(String key, String message) {
            problems.add(source.atValue(List.of(key.split("\\.")), "key '" + key + "': " + message));
        }

        void at(String key, String message) {
            problems.add(source.at(List.of(key.split("\\.")), "key '" + key + "': " + message));
        }
    }

    /**
     * Resolves {@code ${NAME}} in each value separately (not in the whole text, so comments are left alone and an
     * error quotes only the one value, which holds the placeholder and never a secret). A resolved value takes the
     * type the schema expects there, as if it had been written in the file.
     */
    private void resolvePlaceholders(YamlSource source, JsonNode node, List<String> path, List<Problem> problems) {
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            path.add(field.getKey());
            JsonNode value = field.getValue();
            if (value.isObject()) {
                resolvePlaceholders(source, value, path, problems);
            } else if (value.isTextual() && value.asText().contains("${")) {
                try {
                    String resolved = placeholders.resolveRequiredPlaceholders(value.asText());
                    ((ObjectNode) node).set(field.getKey(), SCHEMA.schemaAt(path)
                            .map(rule -> FileSchema.typed(rule, resolved))
                            .orElseGet(() -> com.fasterxml.jackson.databind.node.TextNode.valueOf(resolved)));
                } catch (IllegalArgumentException e) {
                    problems.add(source.atValue(path, "key '" + String.join(".", path) + "': " + e.getMessage()
                            + " (set it in the environment or application.yaml)"));
                }
            }
            path.remove(path.size() - 1);
        }
    }

    private static Secret signingSecret(TenantFile.NerveCentre nerveCentre, Checks checks) {
        if (nerveCentre == null || nerveCentre.signingSecret() == null || nerveCentre.signingSecret().isBlank()) {
            return Secret.NONE;
        }
        String secret = nerveCentre.signingSecret().strip();
        // Shorter than the hash's own strength makes guessing it the easy way in (RFC 2104: at least L bytes).
        if (secret.length() < 32) {
            checks.atValue("nerve-centre.signing-secret", "at least 32 characters are needed (it has "
                    + secret.length() + ")");
            return Secret.NONE;
        }
        return new Secret(secret);
    }

    private static Secret password(Path file, TenantFile.Odoo odoo, Checks checks) {
        if (odoo.passwordFile() != null && !odoo.passwordFile().isBlank()) {
            Path secretFile = file.resolveSibling(odoo.passwordFile());
            try {
                return new Secret(Files.readString(secretFile).strip());
            } catch (IOException e) {
                checks.atValue("odoo.password-file", "cannot read " + secretFile);
                return new Secret("");
            }
        }
        if (odoo.password() == null || odoo.password().isBlank()) {
            checks.at("odoo", "missing required key 'odoo.password' (or 'odoo.password-file')");
            return new Secret("");
        }
        return new Secret(odoo.password());
    }

    /** Relative to the bundle, so that a bundle and its override file travel together. */
    private static Optional<Path> mappingOverrides(Path file, String value, Checks checks) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path overrides = file.resolveSibling(value);
        if (!Files.isReadable(overrides)) {
            checks.atValue("mapping-overrides", "cannot read " + overrides);
            return Optional.empty();
        }
        return Optional.of(overrides);
    }

    /** Every key is present: the schema gave the absent ones their defaults and checked the ranges. */
    private static Tenant.Pull pull(TenantFile.Pull given) {
        return new Tenant.Pull(given.pageSize(), List.copyOf(given.models()), given.maxConcurrentCalls(),
                java.time.Duration.ofSeconds(given.overlapSeconds()), given.reconcileEvery(),
                given.reconcileMaxDropShare(), given.reconcileMaxDropRows(), given.reconcileConfirmAfter(),
                given.auditEvery());
    }

    private KpiSettings kpiSettings(TenantFile.Kpi kpi, Checks checks) {
        Optional<String> currency = Optional.ofNullable(kpi.reportingCurrency()).filter(c -> !c.isBlank());
        java.util.Map<String, KpiSettings.Threshold> thresholds = new java.util.TreeMap<>();
        if (kpi.sentiment() != null) {
            kpi.sentiment().forEach((card, t) -> {
                if (!cardIds.get().contains(card)) {
                    checks.at("kpi.sentiment." + card, "no card '" + card + "' (cards: "
                            + String.join(", ", cardIds.get()) + ")");
                }
                if (t.alertDrop() != null && t.alertRise() != null) {
                    checks.at("kpi.sentiment." + card, "give 'alert-drop' or 'alert-rise', not both");
                }
                thresholds.put(card, new KpiSettings.Threshold(t.positive(), t.negative(), t.alertDrop(),
                        t.alertRise()));
            });
        }
        return new KpiSettings(currency, kpi.lowStockThreshold(), kpi.slowMoverDays(), kpi.churnDays(),
                java.util.Map.copyOf(thresholds), missingDataAfter(kpi.missingDataAfter(), checks),
                kpi.uninvoicedAfterDays(), kpi.closingCadenceDays());
    }

    private static java.time.Duration missingDataAfter(String value, Checks checks) {
        if (value == null) {
            return KpiSettings.DEFAULT_MISSING_DATA_AFTER;
        }
        java.time.Duration after;
        try {
            after = org.springframework.boot.convert.DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            checks.atValue("kpi.missing-data-after", "'" + value + "' is not a duration such as 6h, 90m or PT6H");
            return KpiSettings.DEFAULT_MISSING_DATA_AFTER;
        }
        if (after.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            checks.atValue("kpi.missing-data-after", value + " must be at least 1m");
        }
        return after;
    }

    private static ZoneId zone(String value, Checks checks) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            checks.atValue("kpi.timezone", "unknown time zone '" + value + "' (an IANA zone such as Europe/Amsterdam)");
            return ZoneId.of("UTC");
        }
    }

    private static Optional<Instant> asOf(String value, Checks checks) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeException e) {
            checks.atValue("kpi.as-of", "'" + value + "' is not an ISO instant such as 2026-11-22T00:00:00Z");
            return Optional.empty();
        }
    }
}
