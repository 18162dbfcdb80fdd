package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.Actuator;
import io.odoopulse.support.TestTenants;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run with known secrets (an Odoo password, an Odoo API key, a wrong password, the Nerve Centre token, a push signing
 * secret) and failures that are dead-lettered leaves none of them in the logs, the dead letters, the metrics or the
 * health details; and with JSON logs on, a tick's lines from its pull to its push carry its tenant and correlation id.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=secrets-and-logs",
        "spring.datasource.url=jdbc:h2:mem:secrets-and-logs;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "pulse.nerve-centre.token=" + SecretsAndLogsIT.NERVE_CENTRE_TOKEN,
        "pulse.odoo.max-attempts=2",
        "pulse.odoo.initial-backoff=50ms",
        "pulse.signals.refresh-interval=500ms",
        "logging.config=classpath:logback-structured.xml",
        "logging.structured.format.console=ecs"})
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class SecretsAndLogsIT {

    static final String ODOO_PASSWORD = "odoo-password-S3CRET-1f0c";
    static final String ODOO_API_KEY = "odoo-api-key-S3CRET-7d2e";
    static final String WRONG_PASSWORD = "wrong-password-S3CRET-a9b4";
    static final String NERVE_CENTRE_TOKEN = "nerve-centre-token-S3CRET-c5d1";
    static final String SIGNING_SECRET = "push-signing-secret-S3CRET-0123456789abcdef";
    private static final List<String> SECRETS = List.of(ODOO_PASSWORD, ODOO_API_KEY, WRONG_PASSWORD,
            NERVE_CENTRE_TOKEN, SIGNING_SECRET);

    private static final OdooSimulator ODOO = OdooSimulator.start(SimulatorSettings.demo()
            .withCredentials("pulse", ODOO_PASSWORD).withApiKey(ODOO_API_KEY)
            .withGenerated(5, 40, Instant.parse("2026-11-22T00:00:00Z")));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SnapshotInbox inbox;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tenants(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("secrets-and-logs");
        bundle(dir, "bypassword", ODOO_PASSWORD, "nerve-centre:\n  signing-secret: " + SIGNING_SECRET + "\n");
        bundle(dir, "byapikey", ODOO_API_KEY, "");
        bundle(dir, "refused", WRONG_PASSWORD, "");
        registry.add("pulse.tenants.dir", dir::toString);
    }

    private static void bundle(Path dir, String id, String secret, String more) throws IOException {
        Files.writeString(dir.resolve(id + ".yaml"), """
                id: %s
                odoo:
                  url: %s
                  database: %s
                  login: pulse
                  password: %s
                schedule:
                  cron: "0/2 * * * * ?"
                pull:
                  models: [res.partner, sale.order]
                %s""".formatted(id, ODOO.url(), ODOO.settings().db(), secret, more));
    }

    @AfterAll
    static void stopOdoo() {
        ODOO.close();
    }

    @BeforeEach
    void bothGoodTenantsPushedAndTheRefusedOneIsDeadLettered() {
        await().atMost(Duration.ofSeconds(90)).until(() -> inbox.all("bypassword").size() >= 2
                && inbox.all("byapikey").size() >= 2 && jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter "
                + "WHERE tenant = 'refused'", Integer.class) >= 2);
    }

    @Test
    void noSecretIsInTheLogsTheDeadLettersTheMetricsOrTheHealthDetails(CapturedOutput output) {
        Actuator actuator = new Actuator(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> actuator.scrape()
                .contains("pulse_deadletters_open{stage=\"pull\",tenant=\"refused\"} 2.0")
                && actuator.get("health/tenants/refused").body().contains("\"status\":\"DOWN\""));
        String deadLetters = String.join("\n", jdbc.queryForList("SELECT * FROM dead_letter").stream()
                .map(Map::toString).toList());
        String metrics = actuator.scrape();
        String health = actuator.get("health").body();

        assertThat(deadLetters).contains("refused", "AccessDenied");
        assertThat(metrics).contains("pulse_deadletters_open{stage=\"pull\",tenant=\"refused\"} 2.0");
        assertThat(actuator.get("health/tenants/refused").body()).contains("\"status\":\"DOWN\"",
                "\"odoo\":\"CREDENTIALS_REFUSED\"");
        for (String secret : SECRETS) {
            assertThat(output.getAll()).as("logs").doesNotContain(secret);
            assertThat(deadLetters).as("dead letters").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
            assertThat(health).as("health").doesNotContain(secret);
        }
    }

    @Test
    void aTicksLinesFromPullToPushCarryItsTenantAndCorrelationId(CapturedOutput output) throws Exception {
        List<JsonNode> lines = jsonLines(output.getAll());
        JsonNode pushed = lines.stream().filter(l -> l.path("message").asText().startsWith("tenant bypassword: "
                + "snapshot pushed")).findFirst().orElseThrow();

        assertThat(pushed.path("tenant").asText()).isEqualTo("bypassword");
        String correlationId = pushed.path("correlationId").asText();
        assertThat(correlationId).matches("bypassword@\\d{4}-\\d\\d-\\d\\dT.*Z");

        JsonNode refused = lines.stream().filter(l -> l.path("message").asText().startsWith("dead-lettered refused"))
                .findFirst().orElseThrow();
        assertThat(refused.path("tenant").asText()).isEqualTo("refused");
        assertThat(refused.path("correlationId").asText()).startsWith("refused@");
        assertThat(refused.path("process").path("thread").path("name").asText())
                .as("the pull ran on the tenant's own workers").isNotEqualTo(pushed.path("process").path("thread")
                        .path("name").asText());
    }

    private static List<JsonNode> jsonLines(String output) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
