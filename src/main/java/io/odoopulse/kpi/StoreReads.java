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
        List<Map<String, Object>> rows = List.copyOf(jdbc.queryForList(sql, args));
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
