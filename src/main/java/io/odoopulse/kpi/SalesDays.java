package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's orders summed per local day, UTC day, company, currency and status (table {@code kpi_sales_day}), and
 * each customer's confirmed orders over the store ({@code kpi_customer_lifetime}), kept
 * up to date from the orders changed since the last refresh instead of rescanning them all. Each order's current
 * share is remembered ({@code kpi_order_contribution}) so a changed, cancelled or deleted order is taken out of the
 * day it counted in before it is added to its new one. The first refresh of a tenant, or one after its time zone
 * changed, rebuilds everything in the database.
 */
public class SalesDays {

    /** Deletions are stamped with this service's clock at commit: a slower transaction may land slightly earlier. */
    static final Duration DELETION_LAG = Duration.ofMinutes(1);

    private static final long DAY_SECONDS = 86_400;

    /** One group of the day sums. */
    public record DayKey(long localDay, long utcDay, Long companyId, String company, String currency, String status) {
    }

    /** A day group and what its orders add up to. */
    public record DayRow(DayKey key, long orders, BigDecimal amount) {
    }

    private record Watermark(String zone, Instant updatedAt, Instant deletedAt) {
    }

    private record OrderKey(String sourceSystem, long sourceId) {
    }

    /**
     * What one order adds to one day group, whose it is and when it was placed; amounts compared by value
     * (10.5 = 10.50). The instant matters even within one day: it can be a customer's first or last order.
     */
    private record Share(DayKey key, BigDecimal amount, Long customerId, Instant orderedAt) {
        boolean sameAs(Share other) {
            return other != null && key.equals(other.key) && amount.compareTo(other.amount) == 0
                    && Objects.equals(customerId, other.customerId) && Objects.equals(orderedAt, other.orderedAt);
        }
    }

    /**
     * One customer's confirmed orders in one company and currency, over the whole store; {@code activity} is the
     * bit set kept by {@link CustomerActivity}, null until it has looked at the row.
     */
    public record CustomerRow(long customer, Long companyId, String company, String currency, long orders,
                              BigDecimal total, Instant first, Instant last, Long activity) {

        CustomerRow withActivity(long bits) {
            return new CustomerRow(customer, companyId, company, currency, orders, total, first, last, bits);
        }
    }

    private static final String LIFETIME = "INSERT INTO kpi_customer_lifetime (tenant, customer_id, company_id,"
            + " company, currency, orders, amount_total, first_at, last_at) SELECT tenant, customer_id, company_id,"
            + " company, currency, COUNT(*), SUM(amount_total), MIN(ordered_at), MAX(ordered_at) FROM canonical_order"
            + " WHERE tenant = ? AND status = 'CONFIRMED' AND deleted_at IS NULL AND customer_id IS NOT NULL";
    private static final String LIFETIME_GROUP = " GROUP BY tenant, customer_id, company_id, company, currency";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    /** Per tenant, the store revision and zone the last refresh on this instance brought the sums up to. */
    private final Map<String, List<Object>> followed = new java.util.concurrent.ConcurrentHashMap<>();

    public SalesDays(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(
                Objects.requireNonNull(jdbc.getDataSource())));
    }

    /**
     * As {@link #refresh(String, ZoneId)}, skipped when this instance already brought the sums up to the store at this
     * store revision (read before the call) and zone: a write after that read raises the revision. An idle tick's
     * refresh otherwise re-read the last changed orders under the watermark's row lock.
     */
    public synchronized void refresh(String tenant, ZoneId zone, long revision) {
        List<Object> at = List.of(revision, zone.getId());
        if (at.equals(followed.get(tenant))) {
            return;
        }
        refresh(tenant, zone);
        followed.put(tenant, at);
    }

    /**
     * Brings the day sums up to the store. Synchronised: two pulls of one tenant finishing together must not apply
     * the same change twice.
     */
    public synchronized void refresh(String tenant, ZoneId zone) {
        Watermark mark = watermark(tenant, false);
        if (mark == null || !mark.zone().equals(zone.getId())) {
            rebuild(tenant, zone);
        } else {
            // Read again under a row lock: another instance sharing the database may have followed meanwhile.
            transaction.executeWithoutResult(status -> {
                Watermark locked = watermark(tenant, true);
                if (locked != null && locked.zone().equals(zone.getId())) {
                    follow(tenant, zone, locked);
                }
            });
        }
    }

    /**
     * The next refresh rebuilds everything: orders were stored again without a newer write_date (the parity audit's
     * re-read of rows changed behind the connector's back), which following by updated_at cannot see.
     */
    public void forget(String tenant) {
        followed.remove(tenant);
        jdbc.update("DELETE FROM kpi_sales_watermark WHERE tenant = ?", tenant);
    }

    /** The day groups of local days in {@code [fromDay, toDay]}. */
    public List<DayRow> days(String tenant, LocalDate fromDay, LocalDate toDay) {
        return jdbc.query("SELECT local_day, utc_day, company_id, company, currency, status, orders, amount_total"
                + " FROM kpi_sales_day WHERE tenant = ? AND local_day >= ? AND local_day <= ?",
                (rs, i) -> new DayRow(new DayKey(rs.getLong(1), rs.getLong(2), KpiContext.id(rs.getObject(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6)), rs.getLong(7), rs.getBigDecimal(8)),
                tenant, fromDay.toEpochDay(), toDay.toEpochDay());
    }

    /** Every customer's lifetime rows (as of the last refresh). */
    public List<CustomerRow> customers(String tenant) {
        return jdbc.query("SELECT customer_id, company_id, company, currency, orders, amount_total, first_at, last_at,"
                + " activity FROM kpi_customer_lifetime WHERE tenant = ?", (rs, i) -> new CustomerRow(rs.getLong(1),
                KpiContext.id(rs.getObject(2)), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getBigDecimal(6),
                KpiContext.instant(rs.getObject(7)), KpiContext.instant(rs.getObject(8)),
                KpiContext.id(rs.getObject(9))), tenant);
    }

    /** The first (alphabetical) currency of the tenant's orders as of the last refresh; null before the first. */
    public String firstCurrency(String tenant) {
        return jdbc.queryForObject("SELECT MIN(currency) FROM kpi_sales_day WHERE tenant = ?", String.class, tenant);
    }

    /** Whether some customer's last confirmed order (as of the last refresh) lies at or after {@code instant}. */
    public boolean anyOrderFrom(String tenant, Instant instant) {
        return !jdbc.queryForList("SELECT 1 FROM kpi_customer_lifetime WHERE tenant = ? AND last_at >= ? LIMIT 1",
                Integer.class, tenant, KpiContext.utc(instant)).isEmpty();
    }

    private Watermark watermark(String tenant, boolean lock) {
        List<Watermark> marks = jdbc.query("SELECT zone, updated_at, deleted_at FROM kpi_sales_watermark"
                + " WHERE tenant = ?" + (lock ? " FOR UPDATE" : ""), (rs, i) -> new Watermark(rs.getString(1),
                KpiContext.instant(rs.getObject(2)), KpiContext.instant(rs.getObject(3))), tenant);
        return marks.isEmpty() ? null : marks.get(0);
    }

    /**
     * Everything again, in the database, with INSERT ... SELECT. Not one
     * transaction (a million uncommitted rows slow H2 to a crawl): the watermark goes first and comes back last, so
     * a rebuild cut short is simply done again.
     */
    private void rebuild(String tenant, ZoneId zone) {
        jdbc.update("DELETE FROM kpi_sales_watermark WHERE tenant = ?", tenant);
        // Read before copying: whatever changes meanwhile is at or after these marks and is followed next time.
        Instant updatedAt = KpiContext.instant(jdbc.queryForObject(
                "SELECT MAX(updated_at) FROM canonical_order WHERE tenant = ?", Object.class, tenant));
        Instant deletedAt = KpiContext.instant(jdbc.queryForObject(
                "SELECT MAX(deleted_at) FROM canonical_order WHERE tenant = ?", Object.class, tenant));
        jdbc.update("DELETE FROM kpi_sales_day WHERE tenant = ?", tenant);
        jdbc.update("DELETE FROM kpi_order_contribution WHERE tenant = ?", tenant);
        jdbc.update("DELETE FROM kpi_customer_lifetime WHERE tenant = ?", tenant);
        Instant first = KpiContext.instant(jdbc.queryForObject(
                "SELECT MIN(ordered_at) FROM canonical_order WHERE tenant = ?", Object.class, tenant));
        Instant last = KpiContext.instant(jdbc.queryForObject(
                "SELECT MAX(ordered_at) FROM canonical_order WHERE tenant = ?", Object.class, tenant));
        if (first != null) {
            // The UTC offset of each order's instant as a CASE over the zone's transitions: one scan of the orders.
            StringBuilder offset = new StringBuilder("CASE");
            List<Object> args = new ArrayList<>();
            Instant from = first;
            ZoneOffsetTransition next = zone.getRules().nextTransition(from);
            while (next != null && !next.getInstant().isAfter(last)) {
                offset.append(" WHEN ordered_at < ? THEN ").append(zone.getRules().getOffset(from).getTotalSeconds());
                args.add(KpiContext.utc(next.getInstant()));
                from = next.getInstant();
                next = zone.getRules().nextTransition(from);
            }
            int lastOffset = zone.getRules().getOffset(from).getTotalSeconds();
            String offsetSql = args.isEmpty() ? String.valueOf(lastOffset)
                    : offset.append(" ELSE ").append(lastOffset).append(" END").toString();
            args.add(tenant);
            jdbc.update("INSERT INTO kpi_order_contribution (tenant, source_system, source_id, customer_id,"
                    + " local_day, utc_day, company_id, company, currency, status, amount_total, ordered_at)"
                    + " SELECT tenant, source_system, source_id, customer_id,"
                    + " FLOOR((EXTRACT(EPOCH FROM ordered_at) + " + offsetSql + ") / 86400),"
                    + " FLOOR(EXTRACT(EPOCH FROM ordered_at) / 86400), company_id, company, currency, status,"
                    + " amount_total, ordered_at FROM canonical_order WHERE tenant = ? AND deleted_at IS NULL",
                    args.toArray());
        }
        jdbc.update("INSERT INTO kpi_sales_day (tenant, local_day, utc_day, company_id, company, currency, status,"
                + " orders, amount_total) SELECT tenant, local_day, utc_day, company_id, company, currency, status,"
                + " COUNT(*), SUM(amount_total) FROM kpi_order_contribution WHERE tenant = ?"
                + " GROUP BY tenant, local_day, utc_day, company_id, company, currency, status", tenant);
        jdbc.update(LIFETIME + LIFETIME_GROUP, tenant);
        jdbc.update("INSERT INTO kpi_sales_watermark (tenant, zone, updated_at, deleted_at) VALUES (?, ?, ?, ?)",
                tenant, zone.getId(), updatedAt == null ? null : KpiContext.utc(updatedAt),
                deletedAt == null ? null : KpiContext.utc(deletedAt));
    }

    /** Only the orders changed or deleted since the marks: each moves its share from its old group to its new one. */
    private void follow(String tenant, ZoneId zone, Watermark mark) {
        String select = "SELECT o.source_system, o.source_id, o.status, o.ordered_at, o.currency, o.company_id,"
                + " o.company, o.amount_total, o.updated_at, o.deleted_at, o.customer_id, c.local_day, c.utc_day,"
                + " c.customer_id AS c_customer_id,"
                + " c.company_id AS c_company_id, c.company AS c_company, c.currency AS c_currency,"
                + " c.status AS c_status, c.amount_total AS c_amount, c.ordered_at AS c_ordered_at"
                + " FROM canonical_order o LEFT JOIN kpi_order_contribution c ON c.tenant = o.tenant"
                + " AND c.source_system = o.source_system AND c.source_id = o.source_id WHERE o.tenant = ? AND ";
        Instant epoch = Instant.EPOCH;
        Map<OrderKey, Share[]> changed = new LinkedHashMap<>();
        Instant[] maxUpdated = {mark.updatedAt()};
        Instant[] maxDeleted = {mark.deletedAt()};
        // Two queries rather than an OR, so each uses its own index.
        for (String condition : List.of("o.updated_at >= ?", "o.deleted_at >= ?")) {
            Instant since = condition.startsWith("o.updated_at")
                    ? (mark.updatedAt() == null ? epoch : mark.updatedAt())
                    : (mark.deletedAt() == null ? epoch : mark.deletedAt().minus(DELETION_LAG));
            jdbc.query(select + condition, rs -> {
                Instant updated = KpiContext.instant(rs.getObject("updated_at"));
                Instant deleted = KpiContext.instant(rs.getObject("deleted_at"));
                maxUpdated[0] = later(maxUpdated[0], updated);
                maxDeleted[0] = later(maxDeleted[0], deleted);
                changed.put(new OrderKey(rs.getString("source_system"), rs.getLong("source_id")),
                        new Share[] {previous(rs), deleted == null ? current(rs, zone) : null});
            }, tenant, KpiContext.utc(since));
        }
        Map<DayKey, Object[]> deltas = new HashMap<>();
        List<Object[]> forget = new ArrayList<>();
        List<Object[]> remember = new ArrayList<>();
        java.util.Set<Long> customers = new java.util.TreeSet<>();
        changed.forEach((order, shares) -> {
            Share before = shares[0];
            Share now = shares[1];
            if (before == null ? now == null : before.sameAs(now)) {
                return;
            }
            for (Share share : shares) {
                if (share != null && share.customerId() != null) {
                    customers.add(share.customerId());
                }
            }
            if (before != null) {
                add(deltas, before.key(), -1, before.amount().negate());
                forget.add(new Object[] {tenant, order.sourceSystem(), order.sourceId()});
            }
            if (now != null) {
                add(deltas, now.key(), 1, now.amount());
                DayKey k = now.key();
                remember.add(new Object[] {tenant, order.sourceSystem(), order.sourceId(), now.customerId(),
                        k.localDay(), k.utcDay(), k.companyId(), k.company(), k.currency(), k.status(), now.amount(),
                        KpiContext.utc(now.orderedAt())});
            }
        });
        jdbc.batchUpdate("DELETE FROM kpi_order_contribution WHERE tenant = ? AND source_system = ? AND source_id = ?",
                forget);
        jdbc.batchUpdate("INSERT INTO kpi_order_contribution (tenant, source_system, source_id, customer_id, local_day,"
                + " utc_day, company_id, company, currency, status, amount_total, ordered_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", remember);
        // A customer's lifetime again from their own orders (index on customer): MIN and MAX cannot be undone.
        List<Object[]> whose = customers.stream().map(c -> new Object[] {tenant, c}).toList();
        jdbc.batchUpdate("DELETE FROM kpi_customer_lifetime WHERE tenant = ? AND customer_id = ?", whose);
        jdbc.batchUpdate(LIFETIME + " AND customer_id = ?" + LIFETIME_GROUP, whose);
        String group = " WHERE tenant = ? AND local_day = ? AND utc_day = ?"
                + " AND company_id IS NOT DISTINCT FROM CAST(? AS BIGINT)"
                + " AND company IS NOT DISTINCT FROM CAST(? AS VARCHAR)"
                + " AND currency IS NOT DISTINCT FROM CAST(? AS VARCHAR)"
                + " AND status IS NOT DISTINCT FROM CAST(? AS VARCHAR)";
        deltas.forEach((k, delta) -> {
            long orders = (Long) delta[0];
            BigDecimal amount = (BigDecimal) delta[1];
            if (orders == 0 && amount.signum() == 0) {
                return;
            }
            Object[] where = {tenant, k.localDay(), k.utcDay(), k.companyId(), k.company(), k.currency(), k.status()};
            List<Object> args = new ArrayList<>(List.of(orders, amount));
            args.addAll(java.util.Arrays.asList(where));
            int n = jdbc.update("UPDATE kpi_sales_day SET orders = orders + ?, amount_total = amount_total + ?" + group,
                    args.toArray());
            if (n == 0) {
                jdbc.update("INSERT INTO kpi_sales_day (tenant, local_day, utc_day, company_id, company, currency,"
                        + " status, orders, amount_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant, k.localDay(),
                        k.utcDay(), k.companyId(), k.company(), k.currency(), k.status(), orders, amount);
            }
        });
        jdbc.update("DELETE FROM kpi_sales_day WHERE tenant = ? AND orders = 0", tenant);
        jdbc.update("UPDATE kpi_sales_watermark SET updated_at = ?, deleted_at = ? WHERE tenant = ?",
                maxUpdated[0] == null ? null : KpiContext.utc(maxUpdated[0]),
                maxDeleted[0] == null ? null : KpiContext.utc(maxDeleted[0]), tenant);
    }

    private static void add(Map<DayKey, Object[]> deltas, DayKey key, long orders, BigDecimal amount) {
        Object[] delta = deltas.computeIfAbsent(key, k -> new Object[] {0L, BigDecimal.ZERO});
        delta[0] = (Long) delta[0] + orders;
        delta[1] = ((BigDecimal) delta[1]).add(amount);
    }

    private static Share previous(ResultSet rs) throws SQLException {
        Object day = rs.getObject("local_day");
        if (day == null) {
            return null;
        }
        return new Share(new DayKey(((Number) day).longValue(), rs.getLong("utc_day"),
                KpiContext.id(rs.getObject("c_company_id")), rs.getString("c_company"), rs.getString("c_currency"),
                rs.getString("c_status")), rs.getBigDecimal("c_amount"), KpiContext.id(rs.getObject("c_customer_id")),
                KpiContext.instant(rs.getObject("c_ordered_at")));
    }

    private static Share current(ResultSet rs, ZoneId zone) throws SQLException {
        Instant at = KpiContext.instant(rs.getObject("ordered_at"));
        return new Share(new DayKey(at.atZone(zone).toLocalDate().toEpochDay(),
                Math.floorDiv(at.getEpochSecond(), DAY_SECONDS), KpiContext.id(rs.getObject("company_id")),
                rs.getString("company"), rs.getString("currency"), rs.getString("status")),
                rs.getBigDecimal("amount_total"), KpiContext.id(rs.getObject("customer_id")), at);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
