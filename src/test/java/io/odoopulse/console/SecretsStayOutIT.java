package io.odoopulse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.support.TestAccounts;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A run with known secrets (a refused Odoo password, an Odoo API key, the Nerve Centre token, operators' passwords
 * and tokens) leaves none of them in the log, the dead letters, the metrics, the console or the audit trail.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=secrets-stay-out",
        "spring.datasource.url=jdbc:h2:mem:secrets-stay-out;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.tenants.dir=src/test/resources/tenants-secrets",
        "pulse.demo.odoo.orders=100",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z",
        "pulse.nerve-centre.token=" + SecretsStayOutIT.NERVE_CENTRE_TOKEN})
@DirtiesContext
class SecretsStayOutIT {

    static final String NERVE_CENTRE_TOKEN = "nerve-centre-token-Pw93jd";
    private static final String ODOO_PASSWORD = "odoo-password-Kq81zX";
    private static final String ODOO_API_KEY = "demo-api-key";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SnapshotInbox inbox;

    @Test
    void noSecretIsInLogsDeadLettersMetricsConsoleOrAuditTrail(CapturedOutput output) {
        await().atMost(Duration.ofSeconds(120)).until(() -> !inbox.all("good").isEmpty()
                && jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE tenant = 'refused'", Integer.class) > 0);
        long id = jdbc.queryForObject("SELECT MIN(id) FROM dead_letter WHERE tenant = 'refused'", Long.class);
        call(HttpMethod.POST, "/api/dead-letters/" + id + "/replay?reason=retry", TestAccounts.OPERATOR_TOKEN);
        call(HttpMethod.POST, "/api/dead-letters/discard?tenant=refused&reason=wrong+password",
                TestAccounts.OPERATOR_TOKEN);
        call(HttpMethod.POST, "/api/tenants/refused/pause?reason=password", TestAccounts.OPERATOR_TOKEN);

        List<String> secrets = List.of(ODOO_PASSWORD, ODOO_API_KEY, NERVE_CENTRE_TOKEN, TestAccounts.OPERATOR_TOKEN,
                TestAccounts.OPERATOR_PASSWORD, TestAccounts.VIEWER_PASSWORD);
        String deadLetters = jdbc.queryForList("SELECT * FROM dead_letter").stream().map(Map::toString).toList()
                .toString();
        String audit = jdbc.queryForList("SELECT * FROM operator_action").stream().map(Map::toString).toList()
                .toString();
        String metrics = call(HttpMethod.GET, "/actuator/prometheus", TestAccounts.VIEWER_TOKEN);
        String console = http.withBasicAuth(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD)
                .getForObject("/console", String.class) + http.withBasicAuth(TestAccounts.OPERATOR,
                TestAccounts.OPERATOR_PASSWORD).getForObject("/console/dead-letters/" + id, String.class);
        String api = call(HttpMethod.GET, "/api/dead-letters?limit=1000", TestAccounts.OPERATOR_TOKEN)
                + call(HttpMethod.GET, "/api/audit", TestAccounts.OPERATOR_TOKEN);

        assertThat(deadLetters).contains("refused");
        assertThat(audit).contains("bulk-discard", "wrong password");
        assertThat(metrics).contains("pulse_");
        assertThat(console).contains("refused");
        for (String secret : secrets) {
            assertThat(output.getAll()).as("log").doesNotContain(secret);
            assertThat(deadLetters).as("dead letters").doesNotContain(secret);
            assertThat(audit).as("audit trail").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
            assertThat(console).as("console").doesNotContain(secret);
            assertThat(api).as("API").doesNotContain(secret);
        }
    }

    private String call(HttpMethod method, String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, method, new HttpEntity<>(headers), String.class).getBody();
    }
}
