package io.odoopulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoopulse.audit.OdooFigure;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.kpi.OdooQuery;
import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.odoo.OdooClient;
import io.odoopulse.kpi.TruthChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live suite's shared check: the whole flow pulls a real Odoo (../shared/odoo-server) and the pushed sales
 * cards equal that Odoo's own truth.json to the cent. Each subclass names a version and is enabled by its URL.
 */
abstract class LiveTruthFlow {

    @Autowired
    SnapshotInbox inbox;

    @Autowired
    OdooConnections connections;

    abstract String version();

    /**
     * Every window of every card Odoo answers with one call (T, 24H, 7D, 30D, 90D and vsP's window alike): that call,
     * sent to the real Odoo now, answers the pushed figure. read_group and search_count run in Odoo at test time.
     */
    @Test
    void everyWindowOfEveryDirectCardEqualsWhatTheRealOdooAnswersNow() throws Exception {
        String tenant = "odoo" + version().replace(".0", "");
        await().atMost(Duration.ofMinutes(3)).until(() -> inbox.latest(tenant).isPresent());
        JsonNode latest = inbox.latest(tenant).orElseThrow();
        OdooClient client = connections.get(tenant).client();
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        List<String> wrong = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        for (JsonNode card : latest.path("cards")) {
            if (!card.has("how") || card.path("windowCode").isMissingNode() || card.path("windowCode").isNull()
                    || card.path("value").isNull()) {
                continue;
            }
            OdooQuery how = json.treeToValue(card.path("how"), OdooQuery.class);
            if (how.note() != null || !OdooFigure.answerable(how)) {
                continue;
            }
            windows.add(card.path("windowCode").asText());
            BigDecimal odoo = OdooFigure.answer(client, how);
            if (odoo.compareTo(new BigDecimal(card.path("value").asText())) != 0) {
                wrong.add(card.path("id").asText() + " " + card.path("windowCode").asText() + " "
                        + card.path("currency").asText() + ": pushed " + card.path("value").asText() + ", Odoo " + odoo);
            }
        }
        assertThat(windows).contains("T", "24H", "7D", "30D", "90D");
        assertThat(wrong).isEmpty();
    }

    @Test
    void pushedSalesCardsEqualTheRealOdoosTruthFile() {
        String tenant = "odoo" + version().replace(".0", "");
        await().atMost(Duration.ofMinutes(3)).until(() -> inbox.latest(tenant).isPresent());
        TruthChecks.salesCardsEqualOdoosOwnReadGroupFigures(TruthChecks.fromPushed(inbox.latest(tenant).orElseThrow()),
                TruthChecks.truth(version()));
    }
}
