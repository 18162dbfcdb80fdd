package io.odoopulse.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.deadletter.DeadLetterStore;
import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.SnapshotInbox;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A model whose read fails in a tick does not stop the tick: the others are read, one snapshot is pushed, the failed
 * model is named in its freshness and the cards it feeds keep their last good figures, marked stale.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=failed-model-tick",
        "spring.datasource.url=jdbc:h2:mem:failed-model-tick;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/3 * * * * ?",
        "pulse.demo.odoo.orders=300",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z"})
@DirtiesContext
class FailedModelTickIT {

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    SnapshotInbox inbox;
    @Autowired
    DeadLetterStore deadLetters;

    @AfterEach
    void odooServesAgain() {
        demoOdoo.simulator().faults().clear();
    }

    @Test
    void theCardsOfAFailedModelKeepTheirLastGoodFiguresAndSaySo() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !inbox.all("demo").isEmpty());
        JsonNode good = inbox.latest("demo").orElseThrow();

        refuse("account.move");
        await().atMost(Duration.ofSeconds(30)).until(() -> failed(inbox.latest("demo").orElseThrow()) != null);
        JsonNode stale = inbox.latest("demo").orElseThrow();

        JsonNode freshness = failed(stale);
        assertThat(freshness.path("model").asText()).isEqualTo("account.move");
        assertThat(freshness.path("error").asText()).contains("not allowed to access");
        for (String section : List.of("refunds", "finance")) {
            assertThat(cards(stale, section)).as(section).isNotEmpty().allSatisfy(card -> {
                assertThat(card.path("stale").path("models").get(0).asText()).isEqualTo("account.move");
                assertThat(card.path("stale").path("since").asText()).isEqualTo(freshness.path("readAt").asText());
                assertThat(card.path("value")).as("last good %s", card.path("id"))
                        .isEqualTo(same(good, card).path("value"));
            });
        }
        assertThat(cards(stale, "sales")).isNotEmpty().allSatisfy(card -> assertThat(card.has("stale")).isFalse());
        assertThat(deadLetters.list(Optional.empty(), Optional.of("demo"))).anySatisfy(letter -> {
            assertThat(letter.model()).isEqualTo("account.move");
            assertThat(letter.routeId()).isEqualTo("pull-model");
        });
    }

    @Test
    void onceTheModelIsReadAgainItsCardsAreFreshAgain() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !inbox.all("demo").isEmpty());
        refuse("stock.quant");
        await().atMost(Duration.ofSeconds(30)).until(() -> failed(inbox.latest("demo").orElseThrow()) != null);

        demoOdoo.simulator().faults().clear();
        int seen = inbox.all("demo").size();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all("demo").size() > seen + 1);

        JsonNode latest = inbox.latest("demo").orElseThrow();
        assertThat(failed(latest)).isNull();
        assertThat(latest.path("cards").findValues("stale")).isEmpty();
    }

    /** The integration user loses read access to the model, as a real Odoo answers it. */
    private void refuse(String model) {
        demoOdoo.simulator().faults().refuse(model);
    }

    private static JsonNode failed(JsonNode snapshot) {
        for (JsonNode model : snapshot.path("freshness")) {
            if ("FAILED".equals(model.path("status").asText())) {
                return model;
            }
        }
        return null;
    }

    private static List<JsonNode> cards(JsonNode snapshot, String section) {
        List<JsonNode> found = new ArrayList<>();
        snapshot.path("cards").forEach(card -> {
            if (section.equals(card.path("section").asText())) {
                found.add(card);
            }
        });
        return found;
    }

    private static JsonNode same(JsonNode snapshot, JsonNode card) {
        for (JsonNode other : snapshot.path("cards")) {
            if (other.path("id").equals(card.path("id")) && other.path("window").equals(card.path("window"))
                    && other.path("currency").equals(card.path("currency"))) {
                return other;
            }
        }
        throw new AssertionError("no card " + card.path("id") + " in the good snapshot");
    }
}
