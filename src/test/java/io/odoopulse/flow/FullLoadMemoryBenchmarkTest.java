package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (mvn verify -Pbenchmark): the application, in its own JVM capped at -Xmx512m, fully loads 1,000,000
 * sale orders from the simulator; it must finish (pages are streamed, never a whole model held) and it prints the
 * time and rate.
 */
@Tag("benchmark")
class FullLoadMemoryBenchmarkTest {

    private static final int ORDERS = Integer.getInteger("benchmark.orders", 1_000_000);

    @TempDir
    Path work;

    @Test
    void aMillionOrdersLoadWithinFiveHundredTwelveMegabytesOfHeap() throws Exception {
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo()
                .withGenerated(99, ORDERS, Instant.parse("2026-11-22T00:00:00Z")))) {
            Path tenants = Files.createDirectories(work.resolve("tenants"));
            Files.writeString(tenants.resolve("big.yaml"), """
                    id: big
                    odoo:
                      url: %s
                      database: %s
                      login: admin
                      password: admin
                    schedule:
                      cron: "0/5 * * * * ?"
                    pull:
                      page-size: 1000
                      reconcile-every: 0
                    """.formatted(odoo.url(), odoo.settings().db()));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process app = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), "io.odoopulse.OdooPulseApplication",
                    "--server.port=" + port, "--pulse.tenants.dir=" + tenants, "--pulse.demo.odoo.enabled=false",
                    "--spring.datasource.url=jdbc:h2:file:" + work.resolve("pulse") + ";MODE=PostgreSQL",
                    "--camel.main.name=memory-benchmark"))
                    .redirectErrorStream(true).redirectOutput(work.resolve("app.log").toFile())
                    .directory(new File(System.getProperty("user.dir"))).start();
            try {
                long started = System.nanoTime();
                await().atMost(Duration.ofMinutes(40)).pollInterval(Duration.ofSeconds(5))
                        .until(() -> !app.isAlive() || finished(port));
                assertThat(app.isAlive()).as("the application ran out of memory or died; see its log").isTrue();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("full load benchmark: %,d orders with -Xmx512m in %.0f s (%,.0f records/s)%n",
                        ORDERS, seconds, ORDERS / seconds);
            } finally {
                app.destroyForcibly();
            }
        }
    }

    private static boolean finished(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/pulls")).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode pull : new ObjectMapper().readTree(response.body())) {
                if (pull.path("done").asLong() >= ORDERS && pull.path("finished").asBoolean()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
