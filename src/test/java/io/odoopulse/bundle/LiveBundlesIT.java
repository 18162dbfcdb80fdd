package io.odoopulse.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.TenantTicks;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bundles deployed while the application runs: three tenants (JSON-RPC, XML-RPC, and a folder bundle whose mapping
 * override reads an Odoo Studio field) on three Odoo servers; then a fourth bundle is added, one changes its
 * schedule and models, one breaks and one is removed. Each change takes effect within seconds, the broken one is
 * reported with its file and line while its last good version runs on, and the untouched tenant never stops.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=live-bundles",
        "spring.datasource.url=jdbc:h2:mem:live-bundles;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "pulse.tenants.scan-interval=500ms"})
@DirtiesContext
class LiveBundlesIT {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static OdooSimulator jsonRpc;
    private static OdooSimulator xmlRpc;
    private static OdooSimulator studio;
    private static Path tenants;
    private static final Map<Integer, String> channels = new HashMap<>();

    @DynamicPropertySource
    static void threeBundlesOnThreeOdoos(DynamicPropertyRegistry properties) throws Exception {
        jsonRpc = OdooSimulator.start(SimulatorSettings.demo().withGenerated(101, 60, AS_OF));
        xmlRpc = OdooSimulator.start(SimulatorSettings.demo().withGenerated(102, 60, AS_OF));
        studio = OdooSimulator.start(SimulatorSettings.demo().withGenerated(103, 60, AS_OF));
        studio.database().addCustomField("sale.order", "x_studio_channel", "char", "Channel");
        String[] names = {"Instagram", "Market stall", "Catalogue"};
        for (Map<String, Object> order : studio.database().records("sale.order")) {
            int id = ((Number) order.get("id")).intValue();
            channels.put(id, names[id % names.length]);
            studio.database().write("sale.order", List.of(id), Map.of("x_studio_channel", names[id % names.length]));
        }
        tenants = Files.createTempDirectory("live-bundles");
        bundle(tenants.resolve("rpc.yaml"), "rpc", jsonRpc, "jsonrpc", "0/1 * * * * ?", "[sale.order]", "");
        bundle(tenants.resolve("xml.yaml"), "xml", xmlRpc, "xmlrpc", "0/1 * * * * ?", "[sale.order]", "");
        Path folder = Files.createDirectories(tenants.resolve("studio"));
        bundle(folder.resolve("tenant.yaml"), "studio", studio, "jsonrpc", "0/1 * * * * ?", "[sale.order]",
                "mapping-overrides: channel.yaml\n");
        Files.writeString(folder.resolve("channel.yaml"), """
                # The shop records where each sale came from in a Studio field.
                models:
                  sale.order:
                    fields:
                      channel: { from: x_studio_channel }
                """);
        properties.add("pulse.tenants.dir", tenants::toString);
    }

    /** A bundle ticking every second or two on one of the Odoo servers, over the given transport. */
    private static void bundle(Path file, String id, OdooSimulator odoo, String transport, String cron, String models,
                               String more) throws Exception {
        Files.writeString(file, """
                id: %s
                odoo:
                  url: %s
                  database: %s
                  login: admin
                  password: admin
                  transport: %s
                schedule:
                  cron: "%s"
                pull:
                  page-size: 50
                  max-concurrent-calls: 1
                  models: %s
                kpi:
                  as-of: %s
                """.formatted(id, odoo.url(), odoo.settings().db(), transport, cron, models, AS_OF) + more);
    }

    @AfterAll
    static void stopOdoos() {
        jsonRpc.close();
        xmlRpc.close();
        studio.close();
    }

    @Autowired
    SnapshotInbox inbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    Scheduler scheduler;
    @Autowired
    BundleStatus status;
    @Autowired
    MeterRegistry meters;
    @Autowired
    @Qualifier("bundlesHealthIndicator")
    HealthIndicator health;

    @Test
    void bundlesAddedChangedBrokenAndRemovedWhileRunningTakeEffectAloneWithinSeconds() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> snapshots("rpc") > 0 && snapshots("xml") > 0
                && snapshots("studio") > 0);
        Route studioTick = camel.getRoute("tick-studio");
        assertThat(storedChannels("studio")).as("the Studio field read into each order's channel")
                .isEqualTo(channels);

        Instant change = Instant.now();
        bundle(tenants.resolve("fourth.yaml"), "fourth", jsonRpc, "auto", "0/1 * * * * ?", "[sale.order]", "");
        await().atMost(WITHIN).until(() -> snapshots("fourth") > 0);
        took("a bundle added: its first snapshot", change);

        change = Instant.now();
        bundle(tenants.resolve("rpc.yaml"), "rpc", jsonRpc, "jsonrpc", "0/2 * * * * ?", "[res.partner, sale.order]",
                "");
        await().atMost(WITHIN).until(() -> cron("rpc").equals("0/2 * * * * ?")
                && stored("canonical_customer", "rpc") > 0);
        took("a schedule and models changed: the new model stored", change);

        int xmlTicks = TenantTicks.done(jdbc, "xml");
        Files.writeString(tenants.resolve("xml.yaml"), Files.readString(tenants.resolve("xml.yaml"))
                .replace("page-size: 50", "page-sise: 50"));
        change = Instant.now();
        await().atMost(WITHIN).until(() -> status.problem("xml.yaml").isPresent());
        took("a bundle broken: reported", change);
        assertThat(status.problem("xml.yaml").orElseThrow().error()).contains("xml.yaml:11:", "page-sise");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(meters.get("pulse.bundle.invalid").tag("bundle", "xml.yaml").gauge().value()).isEqualTo(1.0);
        await("the broken bundle's last good version runs on").atMost(WITHIN)
                .until(() -> TenantTicks.done(jdbc, "xml") > xmlTicks + 2);

        change = Instant.now();
        Files.delete(tenants.resolve("fourth.yaml"));
        await().atMost(WITHIN).until(() -> camel.getRoute("tick-fourth") == null);
        took("a bundle removed: its route gone", change);
        assertThat(scheduler.getTrigger(TriggerKey.triggerKey("fourth", "pulse"))).isNull();
        int fourthTicks = TenantTicks.done(jdbc, "fourth");
        int studioTicks = TenantTicks.done(jdbc, "studio");
        await().atMost(WITHIN).until(() -> TenantTicks.done(jdbc, "studio") > studioTicks + 2);
        assertThat(TenantTicks.done(jdbc, "fourth")).as("ticks of the removed bundle").isEqualTo(fourthTicks);

        assertThat(camel.getRoute("tick-studio")).as("the untouched tenant's route, never restarted")
                .isSameAs(studioTick);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
    }

    private static void took(String what, Instant since) {
        LoggerFactory.getLogger(LiveBundlesIT.class).info("{} after {} ms", what,
                Duration.between(since, Instant.now()).toMillis());
    }

    private int snapshots(String tenant) {
        return inbox.all(tenant).size();
    }

    /** The tenant's trigger's cron; empty in the instant a replaced bundle's trigger is swapped. */
    private String cron(String tenant) throws Exception {
        CronTrigger trigger = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(tenant, "pulse"));
        return trigger == null ? "" : trigger.getCronExpression();
    }

    private int stored(String table, String tenant) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant = ?", Integer.class, tenant);
    }

    private Map<Integer, String> storedChannels(String tenant) {
        Map<Integer, String> stored = new HashMap<>();
        jdbc.query("SELECT source_id, channel FROM canonical_order WHERE tenant = ?",
                row -> { stored.put(row.getInt(1), row.getString(2)); }, tenant);
        return stored;
    }
}
