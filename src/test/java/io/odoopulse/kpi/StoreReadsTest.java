package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows read at a store revision are reused while the revision stays; "behind the store's back" below is a change the
 * revision does not follow, so only a read of the database sees it.
 */
class StoreReadsTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T10:00:00Z");
    private static final String TOTALS = "SELECT currency, SUM(amount_total) AS total FROM canonical_order"
            + " WHERE tenant = ? GROUP BY currency";

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final CanonicalStore store = new CanonicalStore(jdbc);
    private final StoreReads reads = new StoreReads(jdbc);

    @Test
    void anUnchangedStoreIsReadOnce() {
        order(1, "10.00");
        KpiContext context = context(AS_OF);
        List<Map<String, Object>> first = reads.rows(context, TOTALS, "shop");

        behindTheStoresBack("99.00");

        assertThat(reads.rows(context(AS_OF.plusSeconds(60)), TOTALS, "shop")).isSameAs(first);
        assertThat(total(first)).isEqualByComparingTo("10.00");
    }

    @Test
    void rowsHoldWhatTheDatabaseReturnsUnderLabelsOfAnyCase() {
        order(1, "10.00");
        order(2, "5.25");
        String sql = "SELECT source_id, currency AS Cur, amount_total, ordered_at, customer_id FROM canonical_order"
                + " WHERE tenant = ? ORDER BY source_id";

        List<Map<String, Object>> rows = reads.rows(context(AS_OF), sql, "shop");

        assertThat(rows).isEqualTo(jdbc.queryForList(sql, "shop"));
        assertThat(rows.get(1).get("AMOUNT_TOTAL")).isEqualTo(new BigDecimal("5.25"));
        assertThat(rows.get(1).get("cur")).isEqualTo("USD");
        assertThat(rows.get(1).containsKey("Ordered_At")).isTrue();
        assertThat(rows.get(1).get("no_such_column")).isNull();
    }

    @Test
    void aWriteThroughTheStoreIsReadAtTheNextRevision() {
        order(1, "10.00");
        reads.rows(context(AS_OF), TOTALS, "shop");

        order(2, "5.00");

        assertThat(total(reads.rows(context(AS_OF.plusSeconds(60)), TOTALS, "shop"))).isEqualByComparingTo("15.00");
    }

    @Test
    void otherArgumentsAreAnotherRead() {
        order(1, "10.00");
        reads.rows(context(AS_OF), TOTALS, "shop");

        assertThat(reads.rows(context(AS_OF), TOTALS, "elsewhere")).isEmpty();
    }

    @Test
    void aSnapshotStillRunningAtAnOlderRevisionNeitherUsesNorReplacesTheNewerRows() {
        order(1, "10.00");
        KpiContext older = context(AS_OF);
        order(2, "5.00");
        List<Map<String, Object>> newer = reads.rows(context(AS_OF.plusSeconds(60)), TOTALS, "shop");

        behindTheStoresBack("99.00");

        assertThat(total(reads.rows(older, TOTALS, "shop"))).as("read, not the newer rows")
                .isEqualByComparingTo("198.00");
        assertThat(reads.rows(context(AS_OF.plusSeconds(120)), TOTALS, "shop")).isSameAs(newer);
    }

    @Test
    void rowsTheLastSnapshotDidNotReadAreReadAgain() {
        order(1, "10.00");
        String count = "SELECT COUNT(*) AS n FROM canonical_order WHERE tenant = ?";
        reads.rows(context(AS_OF), TOTALS, "shop");
        reads.rows(context(AS_OF.plusSeconds(60)), count, "shop");
        reads.rows(context(AS_OF.plusSeconds(120)), count, "shop");

        behindTheStoresBack("99.00");

        assertThat(total(reads.rows(context(AS_OF.plusSeconds(180)), TOTALS, "shop"))).isEqualByComparingTo("99.00");
    }

    @Test
    void aReadOutsideTheCanonicalStoreIsRefused() {
        assertThatThrownBy(() -> reads.rows(context(AS_OF), "SELECT o.currency FROM canonical_order o"
                + " JOIN kpi_sales_day d ON d.tenant = o.tenant WHERE o.tenant = ?", "shop"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kpi_sales_day");
    }

    private KpiContext context(Instant asOf) {
        return new KpiContext("shop", asOf, ZoneOffset.UTC, KpiWindow.all(List.of(7), asOf, ZoneOffset.UTC),
                KpiSettings.defaults(), "USD", Map.of(), new CurrencyConverter(List.of()), store.revision("shop"));
    }

    private void order(long id, String total) {
        store.upsert(new Order("shop", "odoo", "sale.order", id, "17.0", "S" + id, OrderStatus.CONFIRMED,
                AS_OF.minusSeconds(3600), "USD", 1L, "Co", 7L, new BigDecimal(total), BigDecimal.ZERO,
                new BigDecimal(total), AS_OF.minusSeconds(3600)));
    }

    private void behindTheStoresBack(String total) {
        jdbc.update("UPDATE canonical_order SET amount_total = ? WHERE tenant = 'shop'", new BigDecimal(total));
    }

    private static BigDecimal total(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> KpiContext.decimal(r.get("total"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
