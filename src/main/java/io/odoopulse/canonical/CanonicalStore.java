package io.odoopulse.canonical;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current version of every canonical record, in H2 or PostgreSQL (tables of V1 and V2). Each canonical type has
 * its table {@code canonical_<type in snake_case>} whose columns are its components in snake_case, so the SQL is
 * derived from the record rather than written (and kept in step) by hand for eleven types.
 */
public class CanonicalStore {

    private final JdbcTemplate jdbc;
    private final DatabaseProduct database;
    private final Clock clock;
    private final Map<Class<? extends Record>, Table> tables = new LinkedHashMap<>();
    /** Joins the caller's transaction (a page's), else one of its own: the writes and their revision as one. */
    private final TransactionTemplate transaction;
    /** Each tenant's last live counts, with the revision they were counted at. */
    private final Map<String, Counted> counted = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every tenant's last live counts, with the revisions they were counted at. */
    private volatile AllCounted allCounted;

    public CanonicalStore(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    public CanonicalStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.database = new DatabaseProduct(jdbc);
        this.clock = clock;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(
                Objects.requireNonNull(jdbc.getDataSource())));
        for (Class<? extends Record> type : CanonicalTypes.all()) {
            // V1 keyed orders without the model; every later table has it (ids repeat across source models).
            List<String> key = type == Order.class ? List.of("tenant", "source_system", "source_id")
                    : List.of("tenant", "source_system", "source_model", "source_id");
            tables.put(type, new Table(type, key));
        }
    }

    /** Stores a mapped record, whatever its canonical type. */
    public void store(Record record) {
        storeAll(List.of(record));
    }

    public void upsert(Order order) {
        storeAll(List.of(order));
    }

    /**
     * Upserts records in one JDBC batch per canonical type. An older version never overwrites a newer one and a
     * deleted record stays deleted, so redeliveries and out-of-order pages cannot roll a record back or revive it.
     */
    public void storeAll(List<? extends Record> records) {
        storeAll(records, false);
    }

    /**
     * @param revive the records were just read again because Odoo has them while the store marked them deleted
     *               (deletion reconciliation): a deleted row takes their values and is live again
     */
    public void storeAll(List<? extends Record> records, boolean revive) {
        if (records.isEmpty()) {
            return;
        }
        Map<Class<? extends Record>, List<Record>> byType = records.stream()
                .collect(Collectors.groupingBy(Record::getClass, LinkedHashMap::new, Collectors.toList()));
        transaction.executeWithoutResult(status -> {
            java.util.Set<String> changed = new java.util.TreeSet<>();
            byType.forEach((type, ofType) -> {
                Table table = table(type);
                List<Object[]> rows = ofType.stream().map(table::parameters).toList();
                int[] counts = jdbc.batchUpdate(database.is("PostgreSQL")
                        ? (revive ? table.reviveOnConflict : table.upsertOnConflict)
                        : (revive ? table.revive : table.merge), rows);
                for (int i = 0; i < counts.length; i++) {
                    // 0: an older version, left alone; SUCCESS_NO_INFO counts as a change.
                    if (counts[i] != 0) {
                        changed.add(table.tenant(ofType.get(i)));
                    }
                }
            });
            raiseRevisionsAtCommit(changed);
        });
    }

    /**
     * The tenant's revision: raised by every write that changed its records, in that write's transaction. Equal
     * revisions read before two computations mean the store held the same records for both.
     */
    public long revision(String tenant) {
        List<Long> revision = jdbc.queryForList("SELECT revision FROM canonical_revision WHERE tenant = ?",
                Long.class, tenant);
        return revision.isEmpty() ? 0 : revision.get(0);
    }

    /**
     * Raises the tenants' revisions just before the transaction commits, after whatever else it does (a page's keys):
     * each tenant's row is then locked only for the commit, not while another write of the same tenant (a model
     * pulled beside this one) waits for it.
     */
    private void raiseRevisionsAtCommit(java.util.Set<String> tenants) {
        if (tenants.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        java.util.Set<String> pending = (java.util.Set<String>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            java.util.Set<String> raised = new java.util.TreeSet<>();
            TransactionSynchronizationManager.bindResource(this, raised);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    // In one order, so that two transactions of several tenants never wait on each other.
                    raised.forEach(CanonicalStore.this::raiseRevision);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CanonicalStore.this);
                }
            });
            pending = raised;
        }
        pending.addAll(tenants);
    }

    private void raiseRevision(String tenant) {
        if (database.is("PostgreSQL")) {
            jdbc.update("INSERT INTO canonical_revision AS t (tenant, revision) VALUES (?, 1) "
                    + "ON CONFLICT (tenant) DO UPDATE SET revision = t.revision + 1", tenant);
            return;
        }
        String raise = "UPDATE canonical_revision SET revision = revision + 1 WHERE tenant = ?";
        if (jdbc.update(raise, tenant) == 0) {
            try {
                jdbc.update("INSERT INTO canonical_revision (tenant, revision) VALUES (?, 1)", tenant);
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                // Another transaction inserted it first (H2 leaves this one usable).
                jdbc.update(raise, tenant);
            }
        }
    }

    /**
     * Marks records deleted at the source, in every table the model feeds.
     *
     * @return how many canonical records were marked
     */
    public int markDeleted(String tenant, String sourceModel, Collection<Long> sourceIds) {
        if (sourceIds.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = utc(clock.instant());
        Integer total = transaction.execute(status -> {
            int marked = 0;
            for (Table table : tables.values()) {
                List<Object[]> rows = sourceIds.stream().map(id -> new Object[] {now, tenant, sourceModel, id})
                        .toList();
                for (int n : jdbc.batchUpdate("UPDATE " + table.name + " SET deleted_at = ? WHERE tenant = ? AND "
                        + "source_model = ? AND source_id = ? AND deleted_at IS NULL", rows)) {
                    marked += Math.max(n, 0);
                }
            }
            if (marked > 0) {
                raiseRevisionsAtCommit(java.util.Set.of(tenant));
            }
            return marked;
        });
        return total == null ? 0 : total;
    }

    /**
     * Ids of the live records a source model fed, in {@code (afterId, upToId]}, ascending: one slice of the
     * deletion reconciliation, so memory stays bounded however large the model.
     */
    public List<Long> liveIds(String tenant, String sourceModel, long afterId, long upToId) {
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        for (Table table : tables.values()) {
            ids.addAll(jdbc.queryForList("SELECT source_id FROM " + table.name + " WHERE tenant = ? AND source_model = ?"
                    + " AND source_id > ? AND source_id <= ? AND deleted_at IS NULL", Long.class, tenant, sourceModel,
                    afterId, upToId));
        }
        return new java.util.ArrayList<>(ids);
    }

    /**
     * How many live (not deleted) records each source model fed, every table together (the parity audit's counts):
     * one grouped scan of the tenant's rows per table, whatever the number of models, and none while the tenant's
     * revision shows its records unchanged since the last count.
     */
    public Map<String, Long> liveCounts(String tenant) {
        // First: a write after this read raises the revision, so counts that may already hold it are not kept past it.
        long revision = revision(tenant);
        Counted last = counted.get(tenant);
        if (last != null && last.revision() == revision) {
            return last.counts();
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Table table : tables.values()) {
            jdbc.query("SELECT source_model, COUNT(*) FROM " + table.name + " WHERE tenant = ? AND deleted_at IS NULL"
                    + " GROUP BY source_model", rs -> {
                        counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    }, tenant);
        }
        Map<String, Long> kept = java.util.Collections.unmodifiableMap(counts);
        counted.put(tenant, new Counted(revision, kept));
        return kept;
    }

    /**
     * Live records per tenant and source model, every table together: one grouped scan per table for all tenants
     * (the per-tenant gauges read this on a schedule, not per scrape), and none while no tenant's revision has moved
     * since the last count. A tenant whose records predate revisions has none until its next write, which adds one.
     */
    public Map<String, Map<String, Long>> liveCounts() {
        Map<String, Long> revisions = new java.util.TreeMap<>();
        jdbc.query("SELECT tenant, revision FROM canonical_revision", rs -> {
            revisions.put(rs.getString(1), rs.getLong(2));
        });
        AllCounted last = allCounted;
        if (last != null && last.revisions().equals(revisions)) {
            return last.counts();
        }
        Map<String, Map<String, Long>> counts = new java.util.TreeMap<>();
        for (Table table : tables.values()) {
            jdbc.query("SELECT tenant, source_model, COUNT(*) FROM " + table.name + " WHERE deleted_at IS NULL "
                    + "GROUP BY tenant, source_model", rs -> {
                        counts.computeIfAbsent(rs.getString(1), t -> new java.util.TreeMap<>())
                                .merge(rs.getString(2), rs.getLong(3), Long::sum);
                    });
        }
        counts.replaceAll((tenant, byModel) -> java.util.Collections.unmodifiableMap(byModel));
        Map<String, Map<String, Long>> kept = java.util.Collections.unmodifiableMap(counts);
        allCounted = new AllCounted(revisions, kept);
        return kept;
    }

    private record Counted(long revision, Map<String, Long> counts) {
    }

    private record AllCounted(Map<String, Long> revisions, Map<String, Map<String, Long>> counts) {
    }

    /** The live (not deleted) records of one type and tenant, by model and id. */
    public <T extends Record> List<T> all(Class<T> type, String tenant) {
        Table table = table(type);
        return jdbc.query("SELECT * FROM " + table.name + " WHERE tenant = ? AND deleted_at IS NULL "
                + "ORDER BY source_model, source_id", table.rowMapper(type), tenant);
    }

    /** Orders of one tenant in a status whose order date falls in {@code [from, to)}. */
    public List<Order> ordered(String tenant, OrderStatus status, Instant from, Instant to) {
        return jdbc.query("""
                SELECT * FROM canonical_order
                WHERE tenant = ? AND status = ? AND ordered_at >= ? AND ordered_at < ? AND deleted_at IS NULL
                ORDER BY ordered_at, source_id
                """, table(Order.class).rowMapper(Order.class), tenant, status.name(), utc(from), utc(to));
    }

    public int count(String tenant) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM canonical_order WHERE tenant = ? AND deleted_at IS NULL",
                Integer.class, tenant);
        return n == null ? 0 : n;
    }

    private Table table(Class<? extends Record> type) {
        Table table = tables.get(type);
        if (table == null) {
            throw new IllegalArgumentException("no store for canonical type " + type.getSimpleName());
        }
        return table;
    }

    static String tableName(Class<? extends Record> type) {
        return "canonical_" + snake(type.getSimpleName());
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** One canonical type's table and the SQL derived from its components. */
    private static final class Table {
        final String name;
        final RecordComponent[] components;
        final int[] sqlTypes;
        final int tenantIndex;
        final String merge;
        final String revive;
        final String upsertOnConflict;
        final String reviveOnConflict;
        final Constructor<? extends Record> constructor;

        Table(Class<? extends Record> type, List<String> key) {
            this.name = tableName(type);
            this.components = type.getRecordComponents();
            this.sqlTypes = Arrays.stream(components).mapToInt(c -> sqlType(c.getType())).toArray();
            this.tenantIndex = Arrays.stream(components).map(RecordComponent::getName).toList().indexOf("tenant");
            if (tenantIndex < 0) {
                throw new IllegalStateException("canonical type " + type.getSimpleName() + " has no tenant");
            }
            try {
                this.constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
            List<String> columns = Arrays.stream(components).map(c -> snake(c.getName())).toList();
            List<String> casts = new ArrayList<>();
            for (RecordComponent c : components) {
                casts.add("CAST(? AS " + castType(c.getType()) + ")");
            }
            String updates = columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = s." + c)
                    .collect(Collectors.joining(", "));
            // Standard MERGE runs unchanged on H2 and PostgreSQL 15; the casts type the VALUES row for both.
            String using = "MERGE INTO " + name + " t USING (VALUES (" + String.join(", ", casts) + ")) AS s("
                    + String.join(", ", columns) + ") ON "
                    + key.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
            String insert = " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                    + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
            this.merge = using + " WHEN MATCHED AND t.deleted_at IS NULL AND s.updated_at >= t.updated_at THEN "
                    + "UPDATE SET " + updates + insert;
            this.revive = using + " WHEN MATCHED AND (t.deleted_at IS NOT NULL OR s.updated_at >= t.updated_at) THEN "
                    + "UPDATE SET " + updates + ", deleted_at = NULL" + insert;
            // The same two upserts as PostgreSQL's INSERT ... ON CONFLICT on the key. Its MERGE is a join the
            // planner may plan through another index while the table's statistics are stale (a plan made while the
            // table was empty then reads every row of the tenant per upsert); ON CONFLICT always uses the key.
            String excluded = columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "));
            String onConflict = "INSERT INTO " + name + " AS t (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", casts) + ") ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET "
                    + excluded;
            this.upsertOnConflict = onConflict + " WHERE t.deleted_at IS NULL AND EXCLUDED.updated_at >= t.updated_at";
            this.reviveOnConflict = onConflict + ", deleted_at = NULL"
                    + " WHERE t.deleted_at IS NOT NULL OR EXCLUDED.updated_at >= t.updated_at";
        }

        String tenant(Record record) {
            try {
                return (String) components[tenantIndex].getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        Object[] parameters(Record record) {
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Object value;
                try {
                    value = components[i].getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (value instanceof Instant instant) {
                    value = utc(instant);
                } else if (value instanceof Enum<?> e) {
                    value = e.name();
                }
                values[i] = new SqlParameterValue(sqlTypes[i], value);
            }
            return values;
        }

        <T extends Record> RowMapper<T> rowMapper(Class<T> type) {
            return (rs, rowNum) -> {
                Object[] args = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    args[i] = read(rs, snake(components[i].getName()), components[i].getType());
                }
                try {
                    return type.cast(constructor.newInstance(args));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object read(ResultSet rs, String column, Class<?> type) throws SQLException {
            if (type == long.class) {
                return rs.getLong(column);
            }
            if (type == Instant.class) {
                OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
                return at == null ? null : at.toInstant();
            }
            if (type.isEnum()) {
                String name = rs.getString(column);
                return name == null ? null : Enum.valueOf((Class) type, name);
            }
            if (type == BigDecimal.class) {
                BigDecimal value = rs.getBigDecimal(column);
                // Columns keep 10 decimals; give back the number, not the column's scale.
                if (value == null) {
                    return null;
                }
                BigDecimal number = value.stripTrailingZeros();
                return number.scale() < 0 ? number.setScale(0) : number;
            }
            return rs.getObject(column, type);
        }

        private static int sqlType(Class<?> type) {
            if (type == long.class || type == Long.class) {
                return Types.BIGINT;
            }
            if (type == Integer.class) {
                return Types.INTEGER;
            }
            if (type == BigDecimal.class) {
                return Types.NUMERIC;
            }
            if (type == Boolean.class) {
                return Types.BOOLEAN;
            }
            if (type == Instant.class) {
                return Types.TIMESTAMP_WITH_TIMEZONE;
            }
            if (type == LocalDate.class) {
                return Types.DATE;
            }
            return Types.VARCHAR;
        }

        private static String castType(Class<?> type) {
            return switch (sqlType(type)) {
                case Types.BIGINT -> "BIGINT";
                case Types.INTEGER -> "INTEGER";
                case Types.NUMERIC -> "NUMERIC(30, 10)";
                case Types.BOOLEAN -> "BOOLEAN";
                case Types.TIMESTAMP_WITH_TIMEZONE -> "TIMESTAMP WITH TIME ZONE";
                case Types.DATE -> "DATE";
                default -> "VARCHAR";
            };
        }
    }
}
