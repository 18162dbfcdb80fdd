package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Clients other people wrote, run as they would be run: Debian's python3-odoorpc (JSON-RPC and /web/session)
 * and the npm package odoo-await (XML-RPC). Each skips when its client is not installed (.ci/run installs both).
 */
class ThirdPartyClientsIT {

    static final Path NODE_DIR = Path.of("src/test/node");
    static final Path ODOORPC_SCRIPT = Path.of("src/test/resources/clients/odoorpc_check.py");
    static OdooSimulator sim;

    @BeforeAll
    static void start() {
        sim = OdooSimulator.start(SimulatorSettings.demo()
                .withGenerated(11, 200, Instant.parse("2026-11-22T00:00:00Z")));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Debian installs odoorpc for the system interpreter, which need not be the first python3 on PATH. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    record Run(int exit, String out, String err) {}

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("client", ".err");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String errText = Files.readString(err);
        Files.deleteIfExists(err);
        return new Run(done ? p.exitValue() : -1, out, errText);
    }

    static boolean works(String... command) {
        try {
            return run(Path.of("."), command).exit() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first five confirmed orders by id, as name and total: what both clients are asked for. */
    static List<Map<String, Object>> firstConfirmedOrders() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> o : sim.database().records("sale.order")) {
            if ("sale".equals(o.get("state")) && out.size() < 5) {
                out.add(Map.of("id", o.get("id"), "name", o.get("name"), "amount_total", o.get("amount_total")));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    @Test
    void odoorpcLogsInThroughTheWebSessionAndReadsCountsAndGroupsOrdersAsStored() throws Exception {
        assumeTrue(works(python(), "-c", "import odoorpc"), "python3-odoorpc is not installed");
        URIParts u = URIParts.of(sim.url());
        Run r = run(Path.of("."), python(), ODOORPC_SCRIPT.toString(), u.host(), u.port(), sim.settings().db(),
                "admin", "admin");
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Object> got = Json.parseObject(r.out());

        List<Map<String, Object>> stored = sim.database().records("sale.order");
        Map<String, Integer> perState = new TreeMap<>();
        stored.forEach(o -> perState.merge((String) o.get("state"), 1, Integer::sum));
        Map<String, Object> groupCounts = new TreeMap<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) got.get("by_state")) {
            groupCounts.put((String) g.get("state"), ((Number) g.get("state_count")).intValue());
        }

        assertThat(got.get("uid")).isEqualTo(2);
        assertThat(got.get("version")).isEqualTo("17.0");
        assertThat(got.get("confirmed")).isEqualTo(firstConfirmedOrders());
        assertThat(got.get("count")).isEqualTo(stored.size());
        assertThat(groupCounts).isEqualTo(new TreeMap<>(perState));
    }

    @SuppressWarnings("unchecked")
    @Test
    void odooAwaitAuthenticatesOverXmlRpcAndReadsOrdersArchivedProductsAndCompanies() throws Exception {
        assumeTrue(works("node", "--version"), "node is not installed");
        assumeTrue(Files.isDirectory(NODE_DIR.resolve("node_modules/odoo-await")),
                "odoo-await is not installed (npm ci --prefix src/test/node)");
        Run r = run(NODE_DIR, "node", "odoo_await_check.js", sim.url(), sim.settings().db(), "admin", "admin");
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Object> got = Json.parseObject(r.out());

        List<Object> archived = new ArrayList<>();
        for (Map<String, Object> p : sim.database().records("product.product")) {
            if (Boolean.FALSE.equals(p.get("active"))) archived.add(p.get("id"));
        }
        long companies = sim.database().records("res.partner").stream()
                .filter(p -> Boolean.TRUE.equals(p.get("is_company")) && Boolean.TRUE.equals(p.get("active"))).count();

        assertThat(got.get("uid")).isEqualTo(2);
        assertThat(got.get("confirmed")).isEqualTo(firstConfirmedOrders());
        assertThat(((List<Map<String, Object>>) got.get("archivedProducts")).stream().map(p -> p.get("id")).toList())
                .isEqualTo(archived).isNotEmpty();
        assertThat(((Number) got.get("companyPartners")).longValue()).isEqualTo(companies);
    }

    record URIParts(String host, String port) {
        static URIParts of(String url) {
            java.net.URI u = java.net.URI.create(url);
            return new URIParts(u.getHost(), Integer.toString(u.getPort()));
        }
    }
}
