package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.ChildApplication;
import io.odoopulse.support.HostileOdoo;
import io.odoopulse.support.HostileOdoo.Behaviour;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One application (its own JVM, -Xmx512m) serves two well-behaved tenants beside three whose Odoo misbehaves: one
 * answers each page after 10 s, one sends its headers and then stalls, one streams a body without end. The good
 * tenants' ticks run on time, every one of them; the slow tenant's overrunning ticks are skipped with a warning; the
 * stalled and endless ones end in clear dead letters; the JVM never runs out of memory; the good tenants' pages
 * grow to the page size.
 */
class HostileTenantsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final int PERIOD_SECONDS = 5;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private TestDatabase.Handle database;

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void misbehavingOdoosDelayNoOtherTenantAndExhaustNoMemory() throws Exception {
        database = TestDatabase.postgres();
        Path tenants = Files.createDirectories(Files.createTempDirectory("hostile").resolve("tenants"));
        bundle(tenants, "good-1", odoo(1).url());
        bundle(tenants, "good-2", odoo(2).url());
        bundle(tenants, "slow", hostile(odoo(3), Behaviour.slowSearchRead(Duration.ofSeconds(10))).url());
        bundle(tenants, "stall", hostile(odoo(4), Behaviour.stallAfterHeaders().onlyFor("sale.order")).url());
        bundle(tenants, "endless", hostile(odoo(5), Behaviour.endlessBody().onlyFor("sale.order")).url());
        Path logs = Files.createDirectories(Path.of("target", "hostile-it"));
        ChildApplication app = ChildApplication.start("512m", logs.resolve("app.log"),
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=", "--pulse.tenants.dir=" + tenants,
                "--pulse.demo.odoo.enabled=false", "--pulse.odoo.timeout=5s", "--pulse.odoo.max-attempts=2",
                "--camel.main.name=hostile-tenants");
        resources.add(app);
        JdbcTemplate store = database.jdbc();

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() ->
                done(store, "good-1").size() >= 8 && done(store, "good-2").size() >= 8
                        && letter(app, "stall") != null && letter(app, "endless") != null && skipped(app, "slow") > 0);

        assertThat(app.isAlive()).as("the application ran out of memory or died; see target/hostile-it/app.log")
                .isTrue();
        for (String good : List.of("good-1", "good-2")) {
            List<Map<String, Object>> ticks = done(store, good);
            for (int i = 0; i < ticks.size(); i++) {
                Instant fired = ((Timestamp) ticks.get(i).get("fire_time")).toInstant();
                Instant started = ((Timestamp) ticks.get(i).get("started_at")).toInstant();
                assertThat(Duration.between(fired, started)).as("%s tick of %s started on time", good, fired)
                        .isLessThan(Duration.ofSeconds(3));
                if (i > 0) {
                    assertThat(Duration.between(((Timestamp) ticks.get(i - 1).get("fire_time")).toInstant(), fired))
                            .as("%s: no tick skipped", good).isEqualTo(Duration.ofSeconds(PERIOD_SECONDS));
                }
            }
            assertThat(skipped(app, good)).as("%s ticks skipped", good).isZero();
        }
        assertThat(letter(app, "endless").path("causeMessage").asText())
                .contains("tenant endless", "sale.order.", "sent more than 67108864 bytes");
        assertThat(letter(app, "stall").path("causeMessage").asText())
                .contains("no complete answer within 5000 ms", "headers came");
        assertThat(Files.readString(logs.resolve("app.log")))
                .contains("tenant slow: tick due at", "skipped: the previous tick was still running");
        // Pages adapt below page-size 50: the good Odoos' fast full pages grew them to it (the slow Odoo never
        // gets as far as a page: its connect already times out).
        assertThat(pageSize(app, "good-1")).isEqualTo(50);
        assertThat(pageSize(app, "good-2")).isEqualTo(50);
    }

    private static double pageSize(ChildApplication app, String tenant) {
        String metrics = app.get("/actuator/prometheus");
        return metrics == null ? Double.NaN : io.odoopulse.support.Actuator.sample(metrics, "pulse_pull_page_size",
                "tenant=\"" + tenant + "\"", "model=\"sale.order\"").orElse(Double.NaN);
    }

    private OdooSimulator odoo(long seed) {
        OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo().withGenerated(seed, 200, AS_OF));
        resources.add(odoo);
        return odoo;
    }

    private HostileOdoo hostile(OdooSimulator upstream, Behaviour behaviour) {
        HostileOdoo odoo = HostileOdoo.start(upstream.url()).behaviour(behaviour);
        resources.add(odoo);
        return odoo;
    }

    private static void bundle(Path dir, String tenant, String url) throws IOException {
        TestTenants.bundle(dir, tenant, url, "odoo17", "0/" + PERIOD_SECONDS + " * * * * ?", """
                pull:
                  page-size: 50
                  models: [res.company, res.currency.rate, sale.order]
                  reconcile-every: 0
                kpi:
                  as-of: %s
                """.formatted(AS_OF));
    }

    private static List<Map<String, Object>> done(JdbcTemplate store, String tenant) {
        return store.queryForList("SELECT fire_time, started_at FROM tenant_tick WHERE tenant = ? AND status = 'DONE' "
                + "ORDER BY fire_time", tenant);
    }

    /** The tenant's open dead letter, as an operator reads it. */
    private static JsonNode letter(ChildApplication app, String tenant) throws IOException {
        String body = app.get("/api/dead-letters?status=OPEN&tenant=" + tenant);
        if (body == null) {
            return null;
        }
        JsonNode letters = JSON.readTree(body);
        return letters.isArray() && !letters.isEmpty() ? letters.get(0) : null;
    }

    private static double skipped(ChildApplication app, String tenant) {
        String metrics = app.get("/actuator/prometheus");
        if (metrics == null) {
            return 0;
        }
        return metrics.lines().filter(line -> line.startsWith("pulse_tick_skipped_total{")
                        && line.contains("tenant=\"" + tenant + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
