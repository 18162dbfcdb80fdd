package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.ChildApplication;
import io.odoopulse.support.PushRecorder;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Three instances of the application, each a JVM of its own, share 20 tenants through Quartz's clustered JDBC store
 * on the local PostgreSQL: every tick of every tenant runs exactly once, on one instance or another, and each
 * tenant's snapshot matches its own Odoo. Then the instance running a large full load is killed with SIGKILL;
 * another instance takes the tick over and the store and snapshot end as a clean run's, nothing lost or doubled.
 */
class ClusterIT {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final int TENANTS = 20;
    private static final int BIG_ORDERS = 30_000;
    private static final String CRON = "0/10 * * * * ?";

    @TempDir
    Path work;

    private final List<OdooSimulator> odoos = new ArrayList<>();
    private final Map<String, ChildApplication> instances = new LinkedHashMap<>();
    private PushRecorder nerveCentre;
    private TestDatabase.Handle database;

    @AfterEach
    void stop() {
        instances.values().forEach(ChildApplication::close);
        odoos.forEach(OdooSimulator::close);
        if (nerveCentre != null) {
            nerveCentre.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void threeInstancesRunEveryTickOnceAndATickCutShortByAKillIsCompletedByAnother() throws Exception {
        database = TestDatabase.postgres();
        nerveCentre = PushRecorder.start();
        Path tenants = Files.createDirectories(work.resolve("tenants"));
        Map<String, OdooSimulator> odooOf = new LinkedHashMap<>();
        for (int i = 1; i <= TENANTS; i++) {
            String tenant = "shop-" + i;
            odooOf.put(tenant, odoo(1000 + i, 150));
            bundle(tenants, tenant, odooOf.get(tenant), CRON, 200);
        }
        // Every instance serves the same bundles. The large tenant's one tick (a full load) comes once the others
        // have ticked a few times.
        OdooSimulator big = odoo(99, BIG_ORDERS);
        java.time.LocalTime at = java.time.LocalTime.now().plusSeconds(100);
        bundle(tenants, "big", big, "%d %d %d * * ?".formatted(at.getSecond(), at.getMinute(), at.getHour()), 200);
        for (String node : List.of("node-1", "node-2", "node-3")) {
            instances.put(node, start(node, tenants));
        }
        JdbcTemplate store = database.jdbc();

        // Several ticks of every tenant.
        await().atMost(Duration.ofSeconds(150)).until(() -> odooOf.keySet().stream()
                .allMatch(tenant -> doneTicks(store, tenant).size() >= 3));

        Set<String> ranOn = new HashSet<>();
        for (String tenant : odooOf.keySet()) {
            List<Map<String, Object>> ticks = doneTicks(store, tenant);
            List<Instant> fired = ticks.stream().map(t -> ((java.sql.Timestamp) t.get("fire_time")).toInstant()).toList();
            for (int i = 1; i < fired.size(); i++) {
                assertThat(Duration.between(fired.get(i - 1), fired.get(i))).as("%s: no tick skipped: %s", tenant,
                        store.queryForList("SELECT * FROM tenant_tick WHERE tenant = ? ORDER BY fire_time", tenant))
                        .isEqualTo(Duration.ofSeconds(10));
            }
            assertThat(ticks).as("%s: each tick ran once", tenant)
                    .allSatisfy(t -> assertThat(((Number) t.get("attempts")).intValue()).isEqualTo(1));
            ticks.forEach(t -> ranOn.add((String) t.get("instance")));
            Map<String, Integer> pushesPerTick = pushesPerTick(tenant);
            assertThat(pushesPerTick.values()).as("%s: one push per tick", tenant).allMatch(n -> n == 1);
            assertThat(pushesPerTick).hasSizeGreaterThanOrEqualTo(ticks.size());
            assertSalesEqual(tenant, odooOf.get(tenant), latest(tenant));
        }
        assertThat(ranOn).as("ticks spread over the instances").hasSizeGreaterThanOrEqualTo(2);

        // The large full load, killed a quarter of the way in, on whichever instance runs it.
        await().atMost(Duration.ofSeconds(120)).until(() -> runningBig(store) != null);
        String victim = runningBig(store);
        ChildApplication running = instances.get(victim);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode pull = running.pull("big", "sale.order");
            return pull != null && pull.path("done").asLong() >= BIG_ORDERS / 4;
        });
        running.kill();
        System.out.printf("cluster: SIGKILL %s in the middle of tenant big's full load%n", victim);

        // Quartz notices the death within about 12 s; the rest is the remaining load on a busy machine.
        await().atMost(Duration.ofSeconds(420)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            List<Map<String, Object>> done = doneTicks(store, "big");
            return !done.isEmpty() && ((Number) done.get(0).get("attempts")).intValue() == 2;
        });
        Map<String, Object> recovered = doneTicks(store, "big").get(0);
        assertThat(recovered.get("instance")).as("taken over by another instance").isNotEqualTo(victim);

        Map<Long, BigDecimal> stored = new TreeMap<>();
        store.query("SELECT source_id, amount_total FROM canonical_order WHERE tenant = 'big'",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> stored.put(rs.getLong(1), rs.getBigDecimal(2)));
        Map<Long, BigDecimal> expected = new TreeMap<>();
        big.database().records("sale.order").forEach(o -> expected.put(((Number) o.get("id")).longValue(),
                new BigDecimal(String.valueOf(o.get("amount_total")))));
        assertThat(stored.keySet()).as("every order once").isEqualTo(expected.keySet());
        assertThat(expected.keySet().stream().filter(id -> stored.get(id).compareTo(expected.get(id)) != 0).toList())
                .as("orders stored with another amount than Odoo's").isEmpty();
        assertThat(store.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE "
                + "'big/sale.order/%'", Integer.class)).isEqualTo(BIG_ORDERS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !pushesPerTick("big").isEmpty());
        assertThat(pushesPerTick("big").values()).as("one snapshot per tick of big").allMatch(n -> n == 1);
        assertSalesEqual("big", big, latest("big"));
    }

    private OdooSimulator odoo(long seed, int orders) {
        OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo().withGenerated(seed, orders, AS_OF));
        odoos.add(odoo);
        return odoo;
    }

    private static void bundle(Path dir, String tenant, OdooSimulator odoo, String cron, int pageSize)
            throws IOException {
        TestTenants.bundle(dir, tenant, odoo.url(), odoo.settings().db(), cron, """
                pull:
                  page-size: %d
                  models: [res.company, res.currency.rate, sale.order]
                  reconcile-every: 0
                kpi:
                  as-of: %s
                """.formatted(pageSize, AS_OF));
    }

    private ChildApplication start(String node, Path tenants) throws IOException {
        // Logs kept under target/ for a look after a failure.
        Path logs = Files.createDirectories(Path.of("target", "cluster-it"));
        return ChildApplication.start("512m", logs.resolve(node + ".log"),
                "--spring.profiles.active=cluster",
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + node,
                // Late rather than skipped on this busy machine: the test checks that no tick is lost.
                "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=60000",
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=", "--pulse.tenants.dir=" + tenants,
                "--pulse.demo.odoo.enabled=false", "--pulse.demo.nerve-centre.enabled=false",
                "--pulse.nerve-centre.url=" + nerveCentre.url(), "--camel.main.name=odoo-pulse");
    }

    private static List<Map<String, Object>> doneTicks(JdbcTemplate store, String tenant) {
        return store.queryForList("SELECT fire_time, instance, attempts FROM tenant_tick WHERE tenant = ? "
                + "AND status = 'DONE' ORDER BY fire_time", tenant);
    }

    private static String runningBig(JdbcTemplate store) {
        return store.queryForList("SELECT instance FROM tenant_tick WHERE tenant = 'big' AND status = 'RUNNING'",
                String.class).stream().findFirst().orElse(null);
    }

    /** Pushes received per tick (Idempotency-Key); a push the Nerve Centre may drop as a repeat counts once more. */
    private Map<String, Integer> pushesPerTick(String tenant) {
        Map<String, Integer> counts = new HashMap<>();
        nerveCentre.of(tenant).forEach(push -> counts.merge(push.idempotencyKey(), 1, Integer::sum));
        return counts;
    }

    private JsonNode latest(String tenant) {
        List<PushRecorder.Push> pushes = nerveCentre.of(tenant);
        return pushes.get(pushes.size() - 1).snapshot();
    }

    private static void assertSalesEqual(String tenant, OdooSimulator odoo, JsonNode snapshot) {
        List<Map<String, Object>> orders = odoo.database().records("sale.order");
        for (int days : List.of(7, 30, 90)) {
            DemoDataset.confirmedSales(orders, AS_OF, days).forEach((currency, totals) -> {
                assertThat(card(snapshot, "revenue", days + "d", currency)).as("%s revenue %dd %s", tenant, days,
                        currency).isEqualByComparingTo(totals.revenue());
                assertThat(card(snapshot, "orders", days + "d", currency)).as("%s orders %dd %s", tenant, days,
                        currency).isEqualByComparingTo(BigDecimal.valueOf(totals.orders()));
            });
        }
    }

    private static BigDecimal card(JsonNode snapshot, String id, String window, String currency) {
        for (JsonNode card : snapshot.path("cards")) {
            if (card.path("id").asText().equals(id) && card.path("window").asText().equals(window)
                    && card.path("currency").asText().equals(currency)) {
                return new BigDecimal(card.path("value").asText());
            }
        }
        throw new AssertionError("no card " + id + " " + window + " " + currency + " in " + snapshot.path("tenant"));
    }
}
