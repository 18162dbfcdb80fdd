package io.odoopulse.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.odoopulse.support.RecordedDataset;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every card truth.json covers, computed from a real Odoo's exported records (mapped through the mapping file into
 * the store, as the live API returns them), equals the figure that Odoo itself computed with read_group and
 * search_count on the same database, to the cent (the comparisons are in {@link TruthChecks}).
 */
class TruthFileTest {

    private static final Map<String, KpiSnapshot> SNAPSHOTS = new HashMap<>();

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void salesCardsEqualOdoosOwnReadGroupFigures(String version) {
        TruthChecks.salesCardsEqualOdoosOwnReadGroupFigures(snapshot(version), TruthChecks.truth(version));
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void orderMixAndCancellationRateEqualOdoosStateCounts(String version) {
        TruthChecks.orderMixAndCancellationRateEqualOdoosStateCounts(snapshot(version), TruthChecks.truth(version));
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void creditNoteCardsEqualOdoosPostedMovesInCompanyCurrency(String version) {
        TruthChecks.creditNoteCardsEqualOdoosPostedMovesInCompanyCurrency(snapshot(version),
                TruthChecks.truth(version));
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void invoicedPaidAndOverdueEqualOdoosPostedInvoices(String version) {
        TruthChecks.invoicedPaidAndOverdueEqualOdoosPostedInvoices(snapshot(version), TruthChecks.truth(version));
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void stockCardsEqualOdoosQtyAvailableCounts(String version) {
        TruthChecks.stockCardsEqualOdoosQtyAvailableCounts(snapshot(version), TruthChecks.truth(version));
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void catalogueCardsEqualOdoosProductCounts(String version) {
        TruthChecks.catalogueCardsEqualOdoosProductCounts(snapshot(version), TruthChecks.truth(version));
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void newAndReturningCustomersEqualOdoosFirstOrderDates(String version) {
        TruthChecks.newAndReturningCustomersEqualOdoosFirstOrderDates(snapshot(version), TruthChecks.truth(version));
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void topCustomersEqualOdoosLifetimeRanking(String version) {
        TruthChecks.topCustomersEqualOdoosLifetimeRanking(snapshot(version), TruthChecks.truth(version));
    }

    /** The dataset of one version, mapped and stored once, and its snapshot as of truth.json's as-of time. */
    private static synchronized KpiSnapshot snapshot(String version) {
        return SNAPSHOTS.computeIfAbsent(version, v -> {
            Instant asOf = Instant.parse(TruthChecks.truth(v).path("as_of").asText());
            JdbcTemplate jdbc = RecordedDataset.storedInH2(v, "recorded");
            return new KpiAggregator(jdbc, TestTenants.withFixedAsOf("recorded", asOf), List.of(7, 30, 90),
                    Clock.fixed(asOf, ZoneOffset.UTC)).snapshot("recorded");
        });
    }

}
