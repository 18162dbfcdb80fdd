package io.odoopulse.live;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.odoopulse.demo.SnapshotInbox;
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

    abstract String version();

    @Test
    void pushedSalesCardsEqualTheRealOdoosTruthFile() {
        String tenant = "odoo" + version().replace(".0", "");
        await().atMost(Duration.ofMinutes(3)).until(() -> inbox.latest(tenant).isPresent());
        TruthChecks.salesCardsEqualOdoosOwnReadGroupFigures(TruthChecks.fromPushed(inbox.latest(tenant).orElseThrow()),
                TruthChecks.truth(version()));
    }
}
