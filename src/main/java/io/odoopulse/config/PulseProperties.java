package io.odoopulse.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Typed view of the {@code pulse.*} section of application.yaml. */
@ConfigurationProperties(prefix = "pulse")
public record PulseProperties(
        Tenants tenants,
        Mappings mappings,
        Defaults defaults,
        NerveCentre nerveCentre,
        @DefaultValue Odoo odoo,
        Demo demo,
        @DefaultValue Signals signals,
        @DefaultValue Retention retention,
        @DefaultValue Extensions extensions) {

    /**
     * What the deployment keeps and for how long (docs/operations.md#retention); one instance of a cluster runs
     * each scheduled pass.
     *
     * @param enabled false: nothing is ever purged
     * @param cron when it runs (Spring cron, seconds first), e.g. {@code 0 17 3 * * *}: daily at 03:17
     * @param deadLettersDays replayed and discarded dead letters are deleted this many days after they were resolved
     * @param personalDataDays personal data in dead letters' payloads is masked this many days after the failure
     * @param idempotentKeys whether idempotent keys no read can need again are pruned
     * @param personalFields payload fields holding personal data, masked at any depth
     * @param historyDays finished ticks and resolved operator notices are deleted this many days after, each
     *                    tenant's latest successful and latest delivered tick excepted
     */
    public record Retention(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 17 3 * * *") String cron,
            @DefaultValue("30") int deadLettersDays,
            @DefaultValue("90") int personalDataDays,
            @DefaultValue("true") boolean idempotentKeys,
            @DefaultValue({"name", "display_name", "email", "email_normalized", "phone", "mobile", "street",
                    "street2", "city", "zip", "vat", "website", "contact_address", "partner_id",
                    "partner_invoice_id", "partner_shipping_id", "commercial_partner_id", "invoice_partner_display_name",
                    "partner_name", "customer", "customerName"}) List<String> personalFields,
            @DefaultValue("90") int historyDays) {}

    /**
     * The per-tenant gauges and health indicators (docs/operations.md).
     *
     * @param refreshInterval how often they read the database, e.g. {@code 15s}; a scrape never does
     */
    public record Signals(@DefaultValue("15s") java.time.Duration refreshInterval) {}

    /**
     * What the flow publishes for routes of one's own (docs/extending.md). Every pushed snapshot always goes to
     * {@code seda:pulse.snapshots}; {@code records: true} also sends each record on its way into the store to
     * {@code seda:pulse.records} (off by default: one message per record read).
     */
    public record Extensions(@DefaultValue("false") boolean records) {}

    /**
     * How calls to every tenant's Odoo behave: retries of transient failures, the time a call may take (sending,
     * waiting and reading the whole answer) and the most an answer may weigh (a bundle may set its own
     * {@code odoo.max-response-size}).
     */
    public record Odoo(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("500ms") java.time.Duration initialBackoff,
            @DefaultValue("30s") java.time.Duration maxBackoff,
            @DefaultValue("60s") java.time.Duration timeout,
            @DefaultValue("64MB") org.springframework.util.unit.DataSize maxResponseSize) {}

    /**
     * Where tenant bundles live: one YAML file or one folder per tenant, followed while running: a bundle added,
     * changed or removed takes effect about two scan intervals later (docs/tenant-bundle.md).
     */
    public record Tenants(@DefaultValue("config/tenants") Path dir,
                          @DefaultValue("2s") java.time.Duration scanInterval) {}

    /** Where the canonical mapping files (odoo-17.yaml, ...) live. */
    public record Mappings(@DefaultValue("mappings") Path dir) {}

    /** Values a tenant bundle inherits unless it sets its own. */
    public record Defaults(
            @DefaultValue("0/20 * * * * ?") String cron,
            @DefaultValue("200") int pageSize,
            @DefaultValue({"7", "30", "90"}) List<Integer> windowsDays) {}

    /** Where KPI snapshots are pushed; the token is sent as a bearer token and never logged. */
    public record NerveCentre(URI url, @DefaultValue("") String token) {}

    public record Demo(DemoOdoo odoo, DemoNerveCentre nerveCentre) {}

    /** The built-in Odoo simulator, started on loopback when enabled. */
    public record DemoOdoo(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0") int port,
            @DefaultValue("600") int orders,
            @DefaultValue("17017") long seed,
            /* Which Odoo the simulator plays: 16, 17, 18 or 19. */
            @DefaultValue("17") String version,
            /* Fixed as-of for the generated history; empty = now. */
            String asOf) {}

    /**
     * The built-in Nerve Centre receiver and its page at /.
     *
     * @param signingSecret the demo tenant's push signing secret (at least 32 characters); empty: one is generated
     *                      at each start
     */
    public record DemoNerveCentre(@DefaultValue("true") boolean enabled, String signingSecret) {}
}
