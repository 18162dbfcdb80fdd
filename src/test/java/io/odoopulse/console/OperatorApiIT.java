package io.odoopulse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.support.DeadLetterRows;
import io.odoopulse.support.TestAccounts;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator API as its callers meet it: closed to anonymous callers (health aside), viewers read with personal
 * fields masked, operators act and every action is in the audit trail, partners see only their tenants, and the
 * first page of 100,000 dead letters comes back in well under a second.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=operator-api",
        "spring.datasource.url=jdbc:h2:mem:operator-api;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.orders=100",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z"})
class OperatorApiIT {

    private static final String CUSTOMER_PAYLOAD = "{\"id\":4242,\"name\":\"S04242\",\"state\":\"weird\","
            + "\"partner_id\":[7,\"Deco Addict\"],\"email\":\"deco@addict.example\",\"amount_total\":12.5}";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    CamelContext camel;

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/dead-letters", "GET /api/dead-letters/1", "POST /api/dead-letters/1/replay",
            "POST /api/dead-letters/1/discard", "POST /api/dead-letters/replay", "POST /api/dead-letters/discard",
            "GET /api/tenants", "POST /api/tenants/demo/pause", "POST /api/tenants/demo/resume",
            "POST /api/tenants/demo/pull-now", "GET /api/audit", "GET /api/pulls", "GET /api/notices",
            "POST /api/notices/1/confirm", "GET /actuator", "GET /actuator/prometheus", "GET /actuator/metrics",
            "GET /actuator/camelroutes", "GET /actuator/info"})
    void anAnonymousCallGets401(String call) {
        String[] parts = call.split(" ");

        ResponseEntity<String> answer = http.exchange(parts[1], HttpMethod.valueOf(parts[0]), null, String.class);

        assertThat(answer.getStatusCode()).as(call).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void healthAndReadinessAnswerAnyone() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void anAnonymousHealthCallGetsTheStatusButNoTenantOrCause() {
        String anonymous = http.getForEntity("/actuator/health", String.class).getBody();
        String viewer = call(HttpMethod.GET, "/actuator/health", TestAccounts.VIEWER_TOKEN).getBody();

        assertThat(anonymous).contains("\"status\"").doesNotContain("demo", "tenants", "components");
        assertThat(viewer).contains("\"tenants\"", "demo");
    }

    @Test
    void aViewersTokenReadsButItsReplayIsForbidden() {
        long id = deadLetter("demo", CUSTOMER_PAYLOAD, Instant.now());

        assertThat(call(HttpMethod.GET, "/api/dead-letters/" + id, TestAccounts.VIEWER_TOKEN).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.POST, "/api/dead-letters/" + id + "/replay", TestAccounts.VIEWER_TOKEN)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status(id)).isEqualTo("OPEN");
    }

    @Test
    void viewersSeePersonalFieldsMaskedAndOperatorsSeeThem() throws Exception {
        long id = deadLetter("demo", CUSTOMER_PAYLOAD, Instant.now());

        JsonNode viewer = json.readTree(json.readTree(call(HttpMethod.GET, "/api/dead-letters/" + id,
                TestAccounts.VIEWER_TOKEN).getBody()).path("payload").asText());
        JsonNode operator = json.readTree(json.readTree(call(HttpMethod.GET, "/api/dead-letters/" + id,
                TestAccounts.OPERATOR_TOKEN).getBody()).path("payload").asText());

        assertThat(viewer.toString()).doesNotContain("Deco Addict", "deco@addict.example");
        assertThat(viewer.path("partner_id").get(0).asLong()).isEqualTo(7);
        assertThat(viewer.path("amount_total").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(operator.path("partner_id").get(1).asText()).isEqualTo("Deco Addict");
        assertThat(operator.path("email").asText()).isEqualTo("deco@addict.example");
    }

    @Test
    void aPartnerSeesAndActsOnItsOwnTenantsOnly() throws Exception {
        long own = deadLetter("demo", CUSTOMER_PAYLOAD, Instant.now());
        long foreign = deadLetter("elsewhere", CUSTOMER_PAYLOAD, Instant.now());

        JsonNode list = json.readTree(call(HttpMethod.GET, "/api/dead-letters?limit=1000",
                TestAccounts.PARTNER_TOKEN).getBody());
        List<String> tenants = new ArrayList<>();
        list.forEach(letter -> tenants.add(letter.path("tenant").asText()));

        assertThat(tenants).contains("demo").containsOnly("demo");
        assertThat(call(HttpMethod.GET, "/api/dead-letters/" + own, TestAccounts.PARTNER_TOKEN).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/api/dead-letters/" + foreign, TestAccounts.PARTNER_TOKEN)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.POST, "/api/dead-letters/" + foreign + "/discard?reason=mine",
                TestAccounts.PARTNER_TOKEN).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(foreign)).isEqualTo("OPEN");
        assertThat(call(HttpMethod.POST, "/api/tenants/elsewhere/pause", TestAccounts.PARTNER_TOKEN)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.GET, "/api/pulls", TestAccounts.PARTNER_TOKEN).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aBulkDiscardNeedsAReasonAndIsRecordedAsOneAuditEntryListingItsEntries() throws Exception {
        List<Long> ids = List.of(deadLetter("bulk", CUSTOMER_PAYLOAD, Instant.now()),
                deadLetter("bulk", CUSTOMER_PAYLOAD, Instant.now()), deadLetter("bulk", CUSTOMER_PAYLOAD, Instant.now()));
        long young = deadLetter("bulk", CUSTOMER_PAYLOAD, Instant.now().plusSeconds(3600));

        assertThat(call(HttpMethod.POST, "/api/dead-letters/discard?tenant=bulk", TestAccounts.OPERATOR_TOKEN)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> answer = call(HttpMethod.POST,
                "/api/dead-letters/discard?tenant=bulk&minAge=1s&reason=known+test+data", TestAccounts.OPERATOR_TOKEN);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(answer.getBody()).path("discarded").asInt()).isEqualTo(3);
        ids.forEach(id -> assertThat(status(id)).isEqualTo("DISCARDED"));
        assertThat(status(young)).isEqualTo("OPEN");
        JsonNode audit = json.readTree(call(HttpMethod.GET, "/api/audit?tenant=bulk", TestAccounts.VIEWER_TOKEN)
                .getBody());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("token:test-automation");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("bulk-discard");
        assertThat(audit.get(0).path("reason").asText()).isEqualTo("known test data");
        assertThat(audit.get(0).path("selection").asText()).contains("tenant=bulk", "minAge=PT1S");
        assertThat(audit.get(0).path("outcome").asText()).contains("discarded=3");
        List<Long> listed = new ArrayList<>();
        audit.get(0).path("entryIds").forEach(e -> listed.add(e.asLong()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void pauseAndResumeAreRecordedWithWhoAndWhy() throws Exception {
        assertThat(call(HttpMethod.POST, "/api/tenants/demo/pause?reason=odoo+upgrade", TestAccounts.OPERATOR_TOKEN)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(call(HttpMethod.GET, "/api/tenants", TestAccounts.VIEWER_TOKEN).getBody()).get(0)
                .path("paused").asBoolean()).isTrue();
        assertThat(call(HttpMethod.POST, "/api/tenants/demo/resume", TestAccounts.OPERATOR_TOKEN).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        assertThat(json.readTree(call(HttpMethod.GET, "/api/tenants", TestAccounts.VIEWER_TOKEN).getBody()).get(0)
                .path("paused").asBoolean()).isFalse();
        assertThat(jdbc.queryForList("SELECT actor || ' ' || action || ' ' || COALESCE(reason, '-') FROM "
                + "operator_action WHERE tenant = 'demo' AND action IN ('pause', 'resume') ORDER BY id", String.class))
                .containsSubsequence("token:test-automation pause odoo upgrade", "token:test-automation resume -");
    }

    @Test
    void noCallOverHttpStopsARoute() {
        ResponseEntity<String> answer = call(HttpMethod.POST, "/actuator/camelroutes/tick-demo/stop",
                TestAccounts.OPERATOR_TOKEN);

        assertThat(answer.getStatusCode().is2xxSuccessful()).as("answer %s", answer.getStatusCode()).isFalse();
        assertThat(camel.getRouteController().getRouteStatus("tick-demo")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void theFirstPageOf100000DeadLettersAnswersInWellUnderASecond() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(new Object[] {"demo", "sale.order", String.valueOf(i), "canonical-record",
                    "{\"id\":" + i + "}", "io.odoopulse.canonical.UnmappableRecordException", "state 'x'",
                    Instant.now().minusSeconds(i).atOffset(ZoneOffset.UTC)});
        }
        jdbc.batchUpdate("INSERT INTO dead_letter (tenant, model, record_id, route_id, payload, cause_type, "
                + "cause_message, failed_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')", rows);
        // Warm each path once (classes loaded, templates compiled) on another tenant: the measure is of the data.
        call(HttpMethod.GET, "/api/dead-letters?tenant=warm&status=OPEN", TestAccounts.OPERATOR_TOKEN);
        http.withBasicAuth(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD)
                .getForEntity("/console?tenant=warm&status=OPEN", String.class);

        ResponseEntity<String> page = null;
        ResponseEntity<String> console = null;
        Duration api = Duration.ofDays(1);
        Duration consolePage = Duration.ofDays(1);
        // The best of three: the machine is shared, and the measure is of this code, not of its neighbours.
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            page = call(HttpMethod.GET, "/api/dead-letters?tenant=demo&status=OPEN", TestAccounts.OPERATOR_TOKEN);
            api = min(api, Duration.ofNanos(System.nanoTime() - started));
            started = System.nanoTime();
            console = http.withBasicAuth(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD)
                    .getForEntity("/console?tenant=demo&status=OPEN", String.class);
            consolePage = min(consolePage, Duration.ofNanos(System.nanoTime() - started));
        }

        assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("1000+");
        assertThat(page.getBody()).contains("\"recordId\":\"99999\"")
                .doesNotContain("\"recordId\":\"99899\"");
        assertThat(page.getHeaders().getFirst(HttpHeaders.LINK)).contains("before=");
        assertThat(console.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(console.getBody()).contains("1000+ selected", "canonical-record: 1000+");
        System.out.printf("first page of 100000 dead letters: API %d ms, console %d ms%n", api.toMillis(),
                consolePage.toMillis());
        assertThat(api).isLessThan(Duration.ofMillis(500));
        assertThat(consolePage).isLessThan(Duration.ofSeconds(1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    private long deadLetter(String tenant, String payload, Instant failedAt) {
        return DeadLetterRows.open(jdbc, tenant, "4242", payload, "io.odoopulse.canonical.UnmappableRecordException",
                "state weird", failedAt.minusSeconds(60));
    }

    private String status(long id) {
        return jdbc.queryForObject("SELECT status FROM dead_letter WHERE id = ?", String.class, id);
    }
}
