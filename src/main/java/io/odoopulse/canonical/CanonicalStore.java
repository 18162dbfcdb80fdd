package io.odoopulse.canonical;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** The current version of every canonical record, in H2 or PostgreSQL. */
public class CanonicalStore {

    // Standard MERGE runs unchanged on H2 and PostgreSQL 15. An older version never overwrites a newer one,
    // so redeliveries and out-of-order pages cannot roll a record back.
    private static final String UPSERT = """
            MERGE INTO canonical_order t
            USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT),
                           CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(16)),
                           CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(8)), CAST(? AS BIGINT),
                           CAST(? AS VARCHAR(255)), CAST(? AS BIGINT), CAST(? AS NUMERIC(20,2)),
                           CAST(? AS NUMERIC(20,2)), CAST(? AS NUMERIC(20,2)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS s(tenant, source_system, source_model, source_id, source_version, name, status, ordered_at,
                     currency, company_id, company, customer_id, amount_untaxed, amount_tax, amount_total, updated_at)
            ON t.tenant = s.tenant AND t.source_system = s.source_system AND t.source_id = s.source_id
            WHEN MATCHED AND s.updated_at >= t.updated_at THEN UPDATE SET
                source_model = s.source_model, source_version = s.source_version, name = s.name, status = s.status,
                ordered_at = s.ordered_at, currency = s.currency, company_id = s.company_id, company = s.company,
                customer_id = s.customer_id, amount_untaxed = s.amount_untaxed, amount_tax = s.amount_tax,
                amount_total = s.amount_total, updated_at = s.updated_at
            WHEN NOT MATCHED THEN INSERT (tenant, source_system, source_model, source_id, source_version, name, status,
                ordered_at, currency, company_id, company, customer_id, amount_untaxed, amount_tax, amount_total,
                updated_at)
            VALUES (s.tenant, s.source_system, s.source_model, s.source_id, s.source_version, s.name, s.status,
                s.ordered_at, s.currency, s.company_id, s.company, s.customer_id, s.amount_untaxed, s.amount_tax,
                s.amount_total, s.updated_at)
            """;

    private final JdbcTemplate jdbc;

    public CanonicalStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a mapped record, whatever its canonical type. */
    public void store(Record record) {
        if (record instanceof Order order) {
            upsert(order);
        } else {
            throw new IllegalArgumentException("no store for canonical type " + record.getClass().getSimpleName());
        }
    }

    public void upsert(Order order) {
        jdbc.update(UPSERT, order.tenant(), order.sourceSystem(), order.sourceModel(), order.sourceId(),
                order.sourceVersion(), order.name(), order.status().name(), utc(order.orderedAt()), order.currency(),
                order.companyId(), order.company(), order.customerId(), order.amountUntaxed(), order.amountTax(),
                order.amountTotal(), utc(order.updatedAt()));
    }

    /** Orders of one tenant in a status whose order date falls in {@code [from, to)}. */
    public List<Order> ordered(String tenant, OrderStatus status, Instant from, Instant to) {
        return jdbc.query("""
                SELECT * FROM canonical_order
                WHERE tenant = ? AND status = ? AND ordered_at >= ? AND ordered_at < ?
                ORDER BY ordered_at, source_id
                """, CanonicalStore::row, tenant, status.name(), utc(from), utc(to));
    }

    public int count(String tenant) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM canonical_order WHERE tenant = ?", Integer.class, tenant);
        return n == null ? 0 : n;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Order row(ResultSet rs, int rowNum) throws SQLException {
        return new Order(
                rs.getString("tenant"),
                rs.getString("source_system"),
                rs.getString("source_model"),
                rs.getLong("source_id"),
                rs.getString("source_version"),
                rs.getString("name"),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getObject("ordered_at", OffsetDateTime.class).toInstant(),
                rs.getString("currency"),
                (Long) rs.getObject("company_id", Long.class),
                rs.getString("company"),
                (Long) rs.getObject("customer_id", Long.class),
                rs.getBigDecimal("amount_untaxed"),
                rs.getBigDecimal("amount_tax"),
                rs.getBigDecimal("amount_total"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
