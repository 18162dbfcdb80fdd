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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.ChildApplication;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application runs in a separate JVM and is killed with SIGKILL at five random points of a full load; after
 * each restart it resumes from its checkpoint, and the final store holds every order exactly once, as Odoo has it.
 * The state lives in PostgreSQL, the production store: an H2 file is the embedded default for trying the product, and
 * H2's own recovery after a kill once left its primary-key index out of step with its table here (an idempotent key
 * counted twice), which is H2's guarantee to give, not ours.
 */
class CrashRecoveryIT {

    private static final int ORDERS = 20_000;
    private static final int KILLS = 5;

    @TempDir
    Path work;

    private OdooSimulator odoo;
    private ChildApplication app;
    private TestDatabase.Handle database;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (odoo != null) {
            odoo.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void killedAtFiveRandomPointsOfAFullLoadTheStoreStillEndsWithEveryOrderOnce() throws Exception {
        odoo = OdooSimulator.start(SimulatorSettings.demo()
                .withGenerated(4242, ORDERS, Instant.parse("2026-11-22T00:00:00Z")));
        Path tenants = Files.createDirectories(work.resolve("tenants"));
        TestTenants.bundle(tenants, "crash", odoo.url(), odoo.settings().db(), "0/1 * * * * ?", """
                pull:
                  page-size: 500
                  reconcile-every: 0
                """);
        database = TestDatabase.postgres();
        Random random = new Random();
        long killedAt = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            // Kill points spread over the load, each at a random record count within its stretch.
            long target = (long) (ORDERS * (kill - 1 + random.nextDouble()) / (KILLS + 1.5));
            long threshold = Math.max(target, killedAt + 1);
            app = start(tenants);
            await().atMost(Duration.ofSeconds(90)).until(() -> done(app) >= threshold);
            app.kill();
            killedAt = threshold;
            System.out.printf("crash recovery: SIGKILL %d of %d after about %d of %d orders%n", kill, KILLS,
                    threshold, ORDERS);
        }
        app = start(tenants);
        await().atMost(Duration.ofSeconds(120)).until(() -> finished(app));
        app.stop();

        JdbcTemplate store = database.jdbc();
        Map<Long, BigDecimal> stored = new TreeMap<>();
        store.query("SELECT source_id, amount_total FROM canonical_order WHERE tenant = 'crash'",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> stored.put(rs.getLong(1), rs.getBigDecimal(2)));
        Map<Long, BigDecimal> expected = new TreeMap<>();
        odoo.database().records("sale.order").forEach(o -> expected.put(((Number) o.get("id")).longValue(),
                new BigDecimal(String.valueOf(o.get("amount_total")))));
        assertThat(stored.keySet()).isEqualTo(expected.keySet());
        List<Long> wrong = new ArrayList<>();
        expected.forEach((id, amount) -> {
            if (stored.get(id).compareTo(amount) != 0) {
                wrong.add(id);
            }
        });
        assertThat(wrong).isEmpty();
        // Every order once: no order may be remembered under two keys (e.g. two contents for one write_date).
        Map<String, List<String>> keysById = new TreeMap<>();
        store.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED", String.class)
                .forEach(key -> keysById.computeIfAbsent(key.split("/")[2], id -> new ArrayList<>()).add(key));
        keysById.values().removeIf(keys -> keys.size() == 1);
        assertThat(keysById).as("orders remembered under more than one key").isEmpty();
        assertThat(store.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED", Integer.class)).isEqualTo(ORDERS);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE model IS NOT NULL", Integer.class))
                .isZero();
    }

    private ChildApplication start(Path tenants) throws IOException {
        return ChildApplication.start("384m", work.resolve("app.log"), "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(), "--spring.datasource.password=",
                "--pulse.tenants.dir=" + tenants, "--pulse.demo.odoo.enabled=false", "--camel.main.name=crash-recovery");
    }

    /** How far the load has come overall: a resumed pull counts only what was left at its checkpoint. */
    private static long done(ChildApplication app) {
        JsonNode pull = app.pull("sale.order");
        return pull == null ? 0 : ORDERS - pull.path("total").asLong() + pull.path("done").asLong();
    }

    private static boolean finished(ChildApplication app) {
        JsonNode pull = app.pull("sale.order");
        return pull != null && pull.path("finished").asBoolean();
    }
}
