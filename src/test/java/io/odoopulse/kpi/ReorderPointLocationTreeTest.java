package io.odoopulse.kpi;

import static io.odoopulse.kpi.TruthChecks.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Company;
import io.odoopulse.canonical.Location;
import io.odoopulse.canonical.LocationKind;
import io.odoopulse.canonical.ReorderRule;
import io.odoopulse.canonical.StockLevel;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Products below their reorder point find a rule's child locations in the location tree (parent_path, Odoo's
 * child_of), not by full name: renaming a location in Odoo changes the locations' complete_name but not the quants'
 * write_date, so the quants keep the old names while the locations (and any rule written since) carry the new ones.
 * Locations and ids as in the recorded Odoo 17 database: WH/Stock (8) holds Shelf 2 (17), which holds Small
 * Refrigerator (33); WH/Input (9) is a sibling of WH/Stock, CHIC1/Stock (28) another company's.
 */
class ReorderPointLocationTreeTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant RENAMED = AS_OF.minusSeconds(600);
    private static final Instant BEFORE = AS_OF.minusSeconds(86_400);
    private static final String T = "tree";
    private static final long PRODUCT = 6;

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final CanonicalStore store = new CanonicalStore(jdbc);

    @Test
    void aQuantInAGrandchildLocationCountsForTheRuleOfItsGrandparent() {
        store(locations("WH/Stock", BEFORE), quants(), rules("WH/Stock", BEFORE));

        KpiCard card = reorderCard();

        // WH/Stock: 2 + 3 in Shelf 2 + 4 in Small Refrigerator = 9, not below 8.5 (5 without the grandchild);
        // Shelf 2: 3 + 4 = 7 below 10; Small Refrigerator: 4 below 5. WH/Input's and Chicago's 50 count for none.
        assertThat(card.value()).isEqualByComparingTo("2");
        assertThat(listed(card)).containsExactly("2 P6 @ WH/Stock/Shelf 2: 7 on hand, minimum 10",
                "3 P6 @ WH/Stock/Shelf 2/Small Refrigerator: 4 on hand, minimum 5");
    }

    @Test
    void renamingTheParentLocationChangesNeitherTheFigureNorTheRulesListedOnlyTheirLabels() {
        store(locations("WH/Stock", BEFORE), quants(), rules("WH/Stock", BEFORE));
        KpiCard before = reorderCard();

        // Renamed in Odoo: the location and its descendants are read again with their new complete_name, and so are
        // the rules (edited since); the quants are not (their write_date did not move).
        store(locations("WH/Main Stock", RENAMED), List.of(), rules("WH/Main Stock", RENAMED));
        assertThat(jdbc.queryForList("SELECT DISTINCT location FROM canonical_stock_level WHERE tenant = ? AND "
                + "source_id IN (1, 2, 3) ORDER BY location", String.class, T)).as("the quants' stale names")
                .containsExactly("WH/Stock", "WH/Stock/Shelf 2", "WH/Stock/Shelf 2/Small Refrigerator");
        KpiCard after = reorderCard();

        assertThat(after.value()).isEqualByComparingTo(before.value());
        assertThat(after.breakdowns()).extracting(KpiCard.Breakdown::dimension, KpiCard.Breakdown::key,
                KpiCard.Breakdown::value).isEqualTo(before.breakdowns().stream().map(b -> tuple(b.dimension(), b.key(),
                b.value())).toList());
        assertThat(listed(after)).containsExactly("2 P6 @ WH/Main Stock/Shelf 2: 7 on hand, minimum 10",
                "3 P6 @ WH/Main Stock/Shelf 2/Small Refrigerator: 4 on hand, minimum 5");
    }

    @Test
    void aRuleNotReadAgainSinceTheRenameIsListedUnderItsLocationsCurrentName() {
        store(locations("WH/Stock", BEFORE), quants(), rules("WH/Stock", BEFORE));
        store(locations("WH/Main Stock", RENAMED), List.of(), List.of());

        KpiCard card = reorderCard();

        assertThat(card.value()).isEqualByComparingTo("2");
        assertThat(listed(card)).containsExactly("2 P6 @ WH/Main Stock/Shelf 2: 7 on hand, minimum 10",
                "3 P6 @ WH/Main Stock/Shelf 2/Small Refrigerator: 4 on hand, minimum 5");
    }

    @Test
    void aRuleBelowItsMinimumIsFallingWhenMoreLeftItsLocationTreeThanEnteredItInTheLastSevenDays() {
        store(locations("WH/Stock", BEFORE), quants(), rules("WH/Stock", BEFORE));
        store.storeAll(List.of(
                // 3 sold out of the Small Refrigerator: both rules below (Shelf 2 and the refrigerator) fell by 3...
                move(1, 33, LocationKind.INTERNAL, 5, LocationKind.CUSTOMER, "3", AS_OF.minusSeconds(2 * 86_400)),
                // ...but 5 came into the refrigerator from Shelf 2: within Shelf 2's tree, only the refrigerator rose.
                move(2, 17, LocationKind.INTERNAL, 33, LocationKind.INTERNAL, "5", AS_OF.minusSeconds(86_400)),
                // Eight days ago: before the window.
                move(3, 17, LocationKind.INTERNAL, 5, LocationKind.CUSTOMER, "10", AS_OF.minusSeconds(8 * 86_400))));

        KpiCard card = card(snapshot(), "audit-below-reorder-point-falling", "now", null);

        assertThat(card.value()).isEqualByComparingTo("1");
        assertThat(listed(card)).containsExactly("2 P6 @ WH/Stock/Shelf 2: 7 on hand, minimum 10, down 3 in 7 days");
    }

    private static io.odoopulse.canonical.StockMove move(long id, long from, LocationKind fromKind, long to,
                                                         LocationKind toKind, String quantity, Instant at) {
        return new io.odoopulse.canonical.StockMove(T, "odoo", "stock.move", id, "17.0", "MV/" + id, PRODUCT, "P6",
                new BigDecimal(quantity), io.odoopulse.canonical.MoveStatus.DONE, at, from, "L" + from, fromKind, to,
                "L" + to, toKind, 1L, "C1", at);
    }

    private static List<Location> locations(String stock, Instant at) {
        return List.of(location(1, "Physical Locations", null, "1/", LocationKind.VIEW, null, at),
                location(7, "WH", 1L, "1/7/", LocationKind.VIEW, 1L, at),
                location(8, stock, 7L, "1/7/8/", LocationKind.INTERNAL, 1L, at),
                location(17, stock + "/Shelf 2", 8L, "1/7/8/17/", LocationKind.INTERNAL, 1L, at),
                location(33, stock + "/Shelf 2/Small Refrigerator", 17L, "1/7/8/17/33/", LocationKind.INTERNAL, 1L,
                        at),
                location(9, "WH/Input", 7L, "1/7/9/", LocationKind.INTERNAL, 1L, at),
                location(27, "CHIC1", 1L, "1/27/", LocationKind.VIEW, 2L, at),
                location(28, "CHIC1/Stock", 27L, "1/27/28/", LocationKind.INTERNAL, 2L, at));
    }

    private static Location location(long id, String name, Long parent, String path, LocationKind kind, Long company,
                                     Instant at) {
        return new Location(T, "odoo", "stock.location", id, "17.0", name, parent, path, kind, company,
                company == null ? null : "C" + company, true, at);
    }

    /** Read before the rename: each quant carries its location's full name of then. */
    private static List<StockLevel> quants() {
        return List.of(quant(1, 8, "WH/Stock", 2), quant(2, 17, "WH/Stock/Shelf 2", 3),
                quant(3, 33, "WH/Stock/Shelf 2/Small Refrigerator", 4), quant(4, 9, "WH/Input", 50),
                quant(5, 28, "CHIC1/Stock", 50));
    }

    private static StockLevel quant(long id, long location, String name, int onHand) {
        return new StockLevel(T, "odoo", "stock.quant", id, "17.0", PRODUCT, "P6", location, name, location == 28 ? 2L
                : 1L, location == 28 ? "C2" : "C1", BigDecimal.valueOf(onHand), BigDecimal.ZERO, BEFORE);
    }

    private static List<ReorderRule> rules(String stock, Instant at) {
        return List.of(rule(1, 8, stock, "8.5", at), rule(2, 17, stock + "/Shelf 2", "10", at),
                rule(3, 33, stock + "/Shelf 2/Small Refrigerator", "5", at));
    }

    private static ReorderRule rule(long id, long location, String name, String minimum, Instant at) {
        return new ReorderRule(T, "odoo", "stock.warehouse.orderpoint", id, "17.0", PRODUCT, "P6", location, name,
                1L, "WH", 1L, "C1", new BigDecimal(minimum), new BigDecimal("20"), "auto", true, at);
    }

    private void store(List<Location> locations, List<StockLevel> quants, List<ReorderRule> rules) {
        List<Record> records = new ArrayList<>(locations);
        records.addAll(quants);
        records.addAll(rules);
        store.storeAll(records);
    }

    private KpiCard reorderCard() {
        return card(snapshot(), "audit-below-reorder-point", "now", null);
    }

    private KpiSnapshot snapshot() {
        store.storeAll(List.of(new Company(T, "odoo", "res.company", 1, "17.0", "C1", "USD", null, true, BEFORE),
                new Company(T, "odoo", "res.company", 2, "17.0", "C2", "USD", null, true, BEFORE)));
        return new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZoneOffset.UTC, KpiSettings.defaults()),
                List.of(7, 30, 90), Clock.fixed(AS_OF, ZoneOffset.UTC)).snapshot(T);
    }

    /** The rules the card lists, as id and label. */
    private static List<String> listed(KpiCard card) {
        return card.breakdowns().stream().filter(b -> b.dimension().equals("stock.warehouse.orderpoint"))
                .map(b -> b.key() + " " + b.label()).toList();
    }
}
