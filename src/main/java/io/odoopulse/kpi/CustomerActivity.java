package io.odoopulse.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which customers placed a confirmed order in each period of a snapshot, kept on their lifetime rows as bits
 * (bit k: period k) between snapshots. From one snapshot to the next only two kinds of customer can change: those
 * whose orders changed (their lifetime rows were recomputed, so their bits are unknown) and those with an order in
 * the thin slices the periods' edges moved across as time went on. Only they are read again, so a snapshot no longer
 * scans the orders of the longest window and its previous period.
 */
public class CustomerActivity {

    /** Past this many customers to look at again, one grouped scan is cheaper than their lookups. */
    private static final int LOOKUP_LIMIT = 2_000;
    private static final int LOOKUP_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final SalesDays days;
    private final TransactionTemplate transaction;
    /** Per tenant, the rows as this instance last left them in the table: read again only when they may differ. */
    private final Map<String, Held> held = new java.util.concurrent.ConcurrentHashMap<>();

    private record Held(long revision, String periods, List<SalesDays.CustomerRow> rows) {
    }

    public CustomerActivity(JdbcTemplate jdbc, SalesDays days) {
        this.jdbc = jdbc;
        this.days = days;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(
                Objects.requireNonNull(jdbc.getDataSource())));
    }

    /**
     * Every lifetime row of the tenant with its activity bits for {@code periods} ({@code [start, end)} pairs).
     * Call after {@link SalesDays#refresh}, with the store revision read before it. Under the watermark's row lock,
     * so that instances sharing the database never read bits meant for another snapshot's periods.
     */
    public List<SalesDays.CustomerRow> customers(String tenant, List<Instant[]> periods, long revision) {
        List<SalesDays.CustomerRow> current = transaction.execute(status -> {
            List<String> kept = jdbc.queryForList("SELECT activity_periods FROM kpi_sales_watermark WHERE tenant = ?"
                    + " FOR UPDATE", String.class, tenant);
            // The rows this instance left are still the table's when nothing was stored since and the periods kept
            // are the ones it wrote: a refresh that changed a row follows a write, another snapshot writes its own.
            Held last = held.get(tenant);
            List<SalesDays.CustomerRow> rows = last != null && last.revision() == revision && !kept.isEmpty()
                    && last.periods().equals(kept.get(0)) ? last.rows() : days.customers(tenant);
            List<Instant[]> before = kept.isEmpty() ? null : decode(kept.get(0));
            Set<Long> stale = new TreeSet<>();
            boolean all = before == null || before.size() != periods.size();
            if (!all) {
                rows.stream().filter(r -> r.activity() == null).forEach(r -> stale.add(r.customer()));
                stale.addAll(crossedEdges(tenant, before, periods));
                all = stale.size() > LOOKUP_LIMIT;
            }
            String now = encode(periods);
            if (!all && stale.isEmpty()) {
                // Nobody changed, but the edges may have moved: keep the slices of the next snapshot thin.
                if (!now.equals(kept.get(0))) {
                    jdbc.update("UPDATE kpi_sales_watermark SET activity_periods = ? WHERE tenant = ?", now, tenant);
                }
                return rows;
            }
            Map<List<Object>, Long> bits = bits(tenant, periods, all ? null : stale);
            List<SalesDays.CustomerRow> out = new ArrayList<>(rows.size());
            List<Object[]> updates = new ArrayList<>();
            for (SalesDays.CustomerRow row : rows) {
                if (all || stale.contains(row.customer())) {
                    long b = bits.getOrDefault(key(row.customer(), row.companyId(), row.company(), row.currency()), 0L);
                    if (row.activity() == null || row.activity() != b) {
                        updates.add(new Object[] {b, tenant, row.customer(), row.companyId(), row.company(),
                                row.currency()});
                    }
                    out.add(row.withActivity(b));
                } else {
                    out.add(row);
                }
            }
            jdbc.batchUpdate("UPDATE kpi_customer_lifetime SET activity = ? WHERE tenant = ? AND customer_id = ?"
                    + " AND company_id IS NOT DISTINCT FROM CAST(? AS BIGINT)"
                    + " AND company IS NOT DISTINCT FROM CAST(? AS VARCHAR)"
                    + " AND currency IS NOT DISTINCT FROM CAST(? AS VARCHAR)", updates);
            jdbc.update("UPDATE kpi_sales_watermark SET activity_periods = ? WHERE tenant = ?", now, tenant);
            return out;
        });
        held.put(tenant, new Held(revision, encode(periods), List.copyOf(current)));
        return current;
    }

    /** Customers with a confirmed order between an edge's old and new place: they may have entered or left. */
    private Set<Long> crossedEdges(String tenant, List<Instant[]> before, List<Instant[]> now) {
        Set<Long> customers = new TreeSet<>();
        Set<List<Instant>> slices = new java.util.LinkedHashSet<>();
        for (int k = 0; k < now.size(); k++) {
            for (int edge = 0; edge < 2; edge++) {
                Instant a = before.get(k)[edge];
                Instant b = now.get(k)[edge];
                if (!a.equals(b)) {
                    slices.add(a.isBefore(b) ? List.of(a, b) : List.of(b, a));
                }
            }
        }
        for (List<Instant> slice : slices) {
            customers.addAll(jdbc.queryForList("SELECT DISTINCT customer_id FROM canonical_order WHERE tenant = ?"
                    + " AND status = 'CONFIRMED' AND ordered_at >= ? AND ordered_at < ? AND deleted_at IS NULL"
                    + " AND customer_id IS NOT NULL", Long.class, tenant, KpiContext.utc(slice.get(0)),
                    KpiContext.utc(slice.get(1))));
            if (customers.size() > LOOKUP_LIMIT) {
                break;
            }
        }
        return customers;
    }

    /** The bits of every customer (or of {@code only}) with a confirmed order in some period. */
    private Map<List<Object>, Long> bits(String tenant, List<Instant[]> periods, Collection<Long> only) {
        List<Object> args = new ArrayList<>();
        String sum = periodBits(periods, args);
        Instant from = periods.get(0)[0];
        Instant to = periods.get(0)[1];
        for (Instant[] period : periods) {
            from = period[0].isBefore(from) ? period[0] : from;
            to = period[1].isAfter(to) ? period[1] : to;
        }
        List<List<Long>> chunks = new ArrayList<>();
        if (only == null) {
            chunks.add(null);
        } else {
            chunks.addAll(chunks(only));
        }
        Map<List<Object>, Long> bits = new HashMap<>();
        for (List<Long> chunk : chunks) {
            List<Object> chunkArgs = new ArrayList<>(args);
            String sql;
            if (chunk == null) {
                sql = "SELECT customer_id, company_id, company, currency, " + sum + " FROM canonical_order o"
                        + " WHERE tenant = ? AND status = 'CONFIRMED' AND deleted_at IS NULL"
                        + " AND customer_id IS NOT NULL AND ordered_at >= ? AND ordered_at < ?";
                chunkArgs.addAll(List.of(tenant, KpiContext.utc(from), KpiContext.utc(to)));
            } else {
                // A few customers: their own orders through the customer index.
                sql = "SELECT customer_id, company_id, company, currency, " + sum + " FROM " + idList(chunk)
                        + " JOIN canonical_order o ON o.tenant = ? AND o.status = 'CONFIRMED'"
                        + " AND o.customer_id = c.id WHERE o.deleted_at IS NULL";
                chunkArgs.addAll(chunk);
                chunkArgs.add(tenant);
            }
            jdbc.query(sql + " GROUP BY customer_id, company_id, company, currency", rs -> {
                bits.put(key(rs.getLong(1), KpiContext.id(rs.getObject(2)), rs.getString(3), rs.getString(4)),
                        rs.getLong(5));
            }, chunkArgs.toArray());
        }
        return bits;
    }

    /** Customer ids in lists short enough for one statement each. */
    static List<List<Long>> chunks(Collection<Long> customers) {
        List<Long> ids = new ArrayList<>(customers);
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += LOOKUP_CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + LOOKUP_CHUNK)));
        }
        return chunks;
    }

    /**
     * The ids as a table {@code c(id)} of one parameter each, to join on the customer index: H2 does not use an index
     * for an IN list on the third column of one.
     */
    static String idList(List<Long> chunk) {
        return "(VALUES " + chunk.stream().map(c -> "(CAST(? AS BIGINT))").collect(Collectors.joining(", "))
                + ") AS c(id)";
    }

    /**
     * A grouped SQL expression whose bit k is set when a group has an order with {@code ordered_at} in period k
     * ({@code [start, end)}); each period's two parameters are appended to {@code args}.
     */
    static String periodBits(List<Instant[]> periods, List<Object> args) {
        StringBuilder sum = new StringBuilder();
        for (int k = 0; k < periods.size(); k++) {
            sum.append(k == 0 ? "" : " + ").append("MAX(CASE WHEN ordered_at >= ? AND ordered_at < ? THEN ")
                    .append(1L << k).append(" ELSE 0 END)");
            args.add(KpiContext.utc(periods.get(k)[0]));
            args.add(KpiContext.utc(periods.get(k)[1]));
        }
        return sum.toString();
    }

    /** The bits as flags, period k at index k. */
    static boolean[] flags(long bits, int periods) {
        boolean[] flags = new boolean[periods];
        for (int k = 0; k < periods; k++) {
            flags[k] = (bits >> k & 1) == 1;
        }
        return flags;
    }

    private static List<Object> key(long customer, Long companyId, String company, String currency) {
        return java.util.Arrays.asList(customer, companyId, company, currency);
    }

    /** "start/end" pairs as epoch second:nano, comma separated: exact, whatever the clock's precision. */
    static String encode(List<Instant[]> periods) {
        return periods.stream().map(p -> text(p[0]) + "/" + text(p[1])).collect(Collectors.joining(","));
    }

    static List<Instant[]> decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Instant[]> periods = new ArrayList<>();
        for (String pair : text.split(",")) {
            String[] ends = pair.split("/");
            periods.add(new Instant[] {instant(ends[0]), instant(ends[1])});
        }
        return periods;
    }

    private static String text(Instant instant) {
        return instant.getEpochSecond() + ":" + instant.getNano();
    }

    private static Instant instant(String text) {
        String[] parts = text.split(":");
        return Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }
}
