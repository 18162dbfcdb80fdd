package io.odoopulse.kpi;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A card family's reads of the canonical store, kept while the tenant's store revision is unchanged
 * (docs/kpis.md, "Reads of an unchanged store"). A query's rows are a function of the store and its arguments; the
 * revision rises with every write that changes a record, so rows read at one revision are the rows of any later read
 * at that revision. An idle tick thus re-reads only what its arguments moved: the {@code T} and {@code 24H} windows,
 * not the whole days.
 *
 * <p>Kept per tenant: the rows the last snapshot read, and those of the one before until the current one reads them
 * (a {@link KpiContext}'s as-of starts a new snapshot). Softly held: under memory pressure they are read again.
 */
public final class StoreReads {

    private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|JOIN)\\s+([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    /** Queries already found to read only canonical tables: the families use a few fixed texts, checked once. */
    private static final Set<String> CANONICAL = ConcurrentHashMap.newKeySet();

    private final JdbcTemplate jdbc;
    private final Map<String, SoftReference<Memo>> byTenant = new ConcurrentHashMap<>();

    public StoreReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The rows of {@code sql} (column labels case-insensitive, values as the driver returns them), read at the
     * context's store revision or reused from an earlier read at that revision. The list and its rows are shared:
     * read them, never change them.
     *
     * @throws IllegalArgumentException when the query reads a table outside the canonical store, whose changes the
     *                                  revision does not follow
     */
    public List<Map<String, Object>> rows(KpiContext context, String sql, Object... args) {
        requireCanonical(sql);
        Key key = new Key(sql, Arrays.asList(args));
        Memo memo = memo(context);
        if (memo != null) {
            List<Map<String, Object>> kept = memo.get(key);
            if (kept != null) {
                return kept;
            }
        }
        List<Map<String, Object>> rows = jdbc.query(sql, StoreReads::compact, args);
        if (memo != null) {
            memo.put(key, rows);
        }
        return rows;
    }

    /** The tenant's memo for the context's revision; null when rows read now must not be kept. */
    private Memo memo(KpiContext context) {
        if (context.revision() < 0) {
            return null;
        }
        Memo[] found = new Memo[1];
        byTenant.compute(context.tenant(), (tenant, held) -> {
            Memo memo = held == null ? null : held.get();
            if (memo == null || memo.revision < context.revision()) {
                memo = new Memo(context.revision());
                held = new SoftReference<>(memo);
            }
            // An older snapshot still running after a newer one began: its rows are not the newer revision's.
            found[0] = memo.revision == context.revision() ? memo : null;
            return held;
        });
        if (found[0] != null) {
            found[0].begin(context.asOf());
        }
        return found[0];
    }

    /**
     * The rows with their column labels held once for all of them: a tenant keeps thousands of rows between ticks,
     * and Spring's row maps (two hash maps a row) made them a few megabytes a tenant, which at 200 tenants filled the
     * heap until the collector took them all back (docs/benchmarks.md). Values as {@code queryForList} gives them.
     */
    private static List<Map<String, Object>> compact(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.ResultSetMetaData meta = rs.getMetaData();
        String[] labels = new String[meta.getColumnCount()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = org.springframework.jdbc.support.JdbcUtils.lookupColumnName(meta, i + 1);
            index.put(labels[i].toLowerCase(Locale.ROOT), i);
        }
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        while (rs.next()) {
            Object[] values = new Object[labels.length];
            for (int i = 0; i < labels.length; i++) {
                values[i] = org.springframework.jdbc.support.JdbcUtils.getResultSetValue(rs, i + 1);
            }
            rows.add(new Row(labels, index, values));
        }
        return List.copyOf(rows);
    }

    /** One row: read-only, its column labels case-insensitive. */
    private static final class Row extends java.util.AbstractMap<String, Object> {
        private final String[] labels;
        private final Map<String, Integer> index;
        private final Object[] values;

        Row(String[] labels, Map<String, Integer> index, Object[] values) {
            this.labels = labels;
            this.index = index;
            this.values = values;
        }

        @Override
        public Object get(Object key) {
            Integer i = key instanceof String label ? index.get(label.toLowerCase(Locale.ROOT)) : null;
            return i == null ? null : values[i];
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String label && index.containsKey(label.toLowerCase(Locale.ROOT));
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Set<Entry<String, Object>> entries = new java.util.LinkedHashSet<>();
            for (int i = 0; i < labels.length; i++) {
                entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(labels[i], values[i]));
            }
            return java.util.Collections.unmodifiableSet(entries);
        }
    }

    private static void requireCanonical(String sql) {
        if (CANONICAL.contains(sql)) {
            return;
        }
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            String table = m.group(1).toLowerCase(Locale.ROOT);
            if (!table.startsWith("canonical_") || table.equals("canonical_revision")) {
                throw new IllegalArgumentException("not a read of the canonical store (table " + m.group(1)
                        + "): its rows cannot be kept by store revision: " + sql);
            }
        }
        CANONICAL.add(sql);
    }

    private record Key(String sql, List<Object> args) {
    }

    /** One revision's rows: those the current snapshot read, and those the previous one read. */
    private static final class Memo {
        final long revision;
        private Object snapshot;
        private Map<Key, List<Map<String, Object>>> current = new HashMap<>();
        private Map<Key, List<Map<String, Object>>> previous = new HashMap<>();

        Memo(long revision) {
            this.revision = revision;
        }

        synchronized void begin(Object asOf) {
            if (!asOf.equals(snapshot)) {
                snapshot = asOf;
                previous = current;
                current = new HashMap<>();
            }
        }

        synchronized List<Map<String, Object>> get(Key key) {
            List<Map<String, Object>> rows = current.get(key);
            if (rows == null) {
                rows = previous.get(key);
                if (rows != null) {
                    current.put(key, rows);
                }
            }
            return rows;
        }

        synchronized void put(Key key, List<Map<String, Object>> rows) {
            current.put(key, rows);
        }
    }
}
