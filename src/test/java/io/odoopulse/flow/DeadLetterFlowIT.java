package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.deadletter.DeadLetter;
import io.odoopulse.deadletter.DeadLetterStore;
import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.SnapshotInbox;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A record the mapping cannot read lands in the dead-letter store with its payload and cause, and the rest of its
 * page is still processed. The mapping used here does not know Odoo's state "sent".
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=dead-letter-flow",
        "spring.datasource.url=jdbc:h2:mem:dead-letter-flow;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.mappings.dir=src/test/resources/mappings-without-sent",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=300",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z"})
@DirtiesContext
class DeadLetterFlowIT {

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    SnapshotInbox inbox;
    @Autowired
    DeadLetterStore deadLetters;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    private List<Map<String, Object>> sentOrders;

    @BeforeEach
    void aPullHasPushed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !inbox.all("demo").isEmpty());
        sentOrders = demoOdoo.simulator().database().records("sale.order").stream()
                .filter(o -> "sent".equals(o.get("state"))).toList();
        assertThat(sentOrders).as("the demo data has quotations sent").isNotEmpty();
    }

    @Test
    void eachUnmappableRecordIsDeadLetteredWithItsPayloadAndCause() throws Exception {
        List<DeadLetter> letters = deadLetters.list(java.util.Optional.empty(), java.util.Optional.of("demo"));

        assertThat(letters).extracting(DeadLetter::recordId).containsExactlyInAnyOrderElementsOf(
                sentOrders.stream().map(o -> String.valueOf(o.get("id"))).toList());
        DeadLetter first = letters.get(0);
        JsonNode payload = json.readTree(first.payload());
        assertThat(payload.path("id").asText()).isEqualTo(first.recordId());
        assertThat(payload.path("state").asText()).isEqualTo("sent");
        assertThat(first.model()).isEqualTo("sale.order");
        assertThat(first.routeId()).isEqualTo("canonical-record");
        assertThat(first.causeType()).isEqualTo("io.odoopulse.canonical.UnmappableRecordException");
        assertThat(first.causeMessage()).contains("sale.order id " + first.recordId(), "'sent'",
                "mappings-without-sent/odoo-17.yaml");
        assertThat(first.status()).isEqualTo(DeadLetter.Status.OPEN);
    }

    @Test
    void aRecordThatFailsAgainOnTheNextPullKeepsOneEntry() {
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all("demo").size() >= 3);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isEqualTo(sentOrders.size());
    }

    @Test
    void theRestOfThePageIsStillStored() {
        int all = demoOdoo.simulator().database().records("sale.order").size();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM canonical_order", Integer.class))
                .isEqualTo(all - sentOrders.size());
    }

    @Test
    void operatorsListDeadLettersOverHttp() {
        ResponseEntity<JsonNode> response = operator().getForEntity("/api/dead-letters?tenant=demo", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).hasSize(sentOrders.size());
    }

    @Test
    void aReplayThatFailsAgainKeepsTheEntryOpenAndCountsTheAttempt() {
        // The first entries' records lie far before the checkpoint, so no pull touches them meanwhile.
        DeadLetter letterBefore = deadLetters.list(java.util.Optional.of(DeadLetter.Status.OPEN),
                java.util.Optional.of("demo")).get(0);
        long id = letterBefore.id();

        ResponseEntity<JsonNode> response = operator().postForEntity("/api/dead-letters/" + id + "/replay", null,
                JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        DeadLetter after = deadLetters.find(id).orElseThrow();
        assertThat(after.status()).isEqualTo(DeadLetter.Status.OPEN);
        assertThat(after.attempts()).isGreaterThan(letterBefore.attempts());
    }

    @Test
    void aDiscardedEntryLeavesTheOpenListAndCannotBeDiscardedTwice() {
        long id = deadLetters.list(java.util.Optional.of(DeadLetter.Status.OPEN), java.util.Optional.of("demo"))
                .get(0).id();

        assertThat(operator().postForEntity("/api/dead-letters/" + id + "/discard", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(deadLetters.find(id).orElseThrow().status()).isEqualTo(DeadLetter.Status.DISCARDED);
        assertThat(operator().postForEntity("/api/dead-letters/" + id + "/discard", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    /** The API as an operator calls it (HTTP basic; the test accounts are in src/test/resources/config). */
    private TestRestTemplate operator() {
        return http.withBasicAuth(io.odoopulse.support.TestAccounts.OPERATOR,
                io.odoopulse.support.TestAccounts.OPERATOR_PASSWORD);
    }
}
