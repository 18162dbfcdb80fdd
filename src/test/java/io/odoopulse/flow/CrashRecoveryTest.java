package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The application runs in a separate JVM and is killed with SIGKILL at five random points of a full load; after
 * each restart it resumes from its checkpoint, and the final store holds every order exactly once, as Odoo has it.
 */
class CrashRecoveryTest {

    private static final int ORDERS = 20_000;
    private static final int KILLS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private OdooSimulator odoo;
    private Process app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.destroyForcibly();
        }
        if (odoo != null) {
            odoo.close();
        }
    }

    @Test
    void killedAtFiveRandomPointsOfAFullLoadTheStoreStillEndsWithEveryOrderOnce() throws Exception {
        odoo = OdooSimulator.start(SimulatorSettings.demo()
                .withGenerated(4242, ORDERS, Instant.parse("2026-11-22T00:00:00Z")));
        Path tenants = Files.createDirectories(work.resolve("tenants"));
        Files.writeString(tenants.resolve("crash.yaml"), """
                id: crash
                odoo:
                  url: %s
                  database: %s
                  login: admin
                  password: admin
                schedule:
                  cron: "0/1 * * * * ?"
                pull:
                  page-size: 500
                  reconcile-every: 0
                """.formatted(odoo.url(), odoo.settings().db()));
        String database = "jdbc:h2:file:" + work.resolve("pulse") + ";MODE=PostgreSQL";
        Random random = new Random();
        long killedAt = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            // Kill points spread over the load, each at a random record count within its stretch.
            long target = (long) (ORDERS * (kill - 1 + random.nextDouble()) / (KILLS + 1.5));
            long threshold = Math.max(target, killedAt + 1);
            int port = freePort();
            app = start(database, tenants, port);
            await().atMost(Duration.ofSeconds(90)).until(() -> done(port) >= threshold);
            app.destroyForcibly().waitFor();
            killedAt = threshold;
            System.out.printf("crash recovery: SIGKILL %d of %d after about %d of %d orders%n", kill, KILLS,
                    threshold, ORDERS);
        }
        int port = freePort();
        app = start(database, tenants, port);
        await().atMost(Duration.ofSeconds(120)).until(() -> finished(port));
        app.destroy();
        app.waitFor();

        JdbcTemplate store = new JdbcTemplate(new DriverManagerDataSource(database, "sa", ""));
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
        assertThat(store.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED", Integer.class)).isEqualTo(ORDERS);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE model IS NOT NULL", Integer.class))
                .isZero();
    }

    private Process start(String database, Path tenants, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "io.odoopulse.OdooPulseApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + database,
                "--pulse.tenants.dir=" + tenants,
                "--pulse.demo.odoo.enabled=false",
                "--camel.main.name=crash-recovery");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("app.log").toFile()))
                .directory(new File(System.getProperty("user.dir"))).start();
    }

    /** How far the load has come overall: a resumed pull counts only what was left at its checkpoint. */
    private static long done(int port) {
        JsonNode pull = pull(port);
        return pull == null ? 0 : ORDERS - pull.path("total").asLong() + pull.path("done").asLong();
    }

    private static boolean finished(int port) {
        JsonNode pull = pull(port);
        return pull != null && pull.path("finished").asBoolean();
    }

    /** The child's progress of its sale.order pull, or null while it is starting. */
    private static JsonNode pull(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/pulls")).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode pull : JSON.readTree(response.body())) {
                if (pull.path("model").asText().equals("sale.order")) {
                    return pull;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
