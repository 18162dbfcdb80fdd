package io.odoopulse.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dead letters by filter, newest first, a page at a time (keyset on the id, so a page costs the same at the start of
 * 100,000 entries as at their end); the same filter selects the entries of a bulk replay or discard.
 */
public class DeadLetterSearch {

    /** The most a page or one bulk action takes. */
    public static final int MAX_LIMIT = 1000;

    /**
     * What to list; every part optional (null).
     *
     * @param tenants the caller's tenants (a partner's), null for all
     * @param stage   the route the failure happened in, e.g. {@code canonical-record}
     * @param cause   part of the cause's type, e.g. {@code Unmappable}
     * @param minAge  failed at least this long ago
     * @param maxAge  failed at most this long ago
     */
    public record Filter(Set<String> tenants, String tenant, DeadLetter.Status status, String stage, String cause,
                         Duration minAge, Duration maxAge) {

        public Filter withStatus(DeadLetter.Status newStatus) {
            return new Filter(tenants, tenant, newStatus, stage, cause, minAge, maxAge);
        }

        /** The filter as an operator would read it, for the audit trail. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (tenant != null) parts.add("tenant=" + tenant);
            if (tenants != null) parts.add("tenants=" + String.join(",", tenants));
            if (status != null) parts.add("status=" + status);
            if (stage != null) parts.add("stage=" + stage);
            if (cause != null) parts.add("cause=" + cause);
            if (minAge != null) parts.add("minAge=" + minAge);
            if (maxAge != null) parts.add("maxAge=" + maxAge);
            return parts.isEmpty() ? "all" : String.join(" ", parts);
        }
    }

    /** Counts stop here (shown as "1000+"). */
    public static final int COUNT_CAP = 1_000;

    /**
     * @param total      how many the filter selects, at most {@link #COUNT_CAP} + 1
     * @param capped     whether there are more than {@link #COUNT_CAP}
     * @param nextBefore the id to pass as {@code before} for the next page; null on the last page
     */
    public record Page(List<DeadLetter> items, long total, boolean capped, Long nextBefore) {

        /** "37", or "1000+" past the cap. */
        public String totalText() {
            return capped ? COUNT_CAP + "+" : String.valueOf(total);
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final java.util.function.Supplier<List<String>> stages;

    /** @param stages the routes of the application, a dead letter's stage being the route it failed in */
    public DeadLetterSearch(JdbcTemplate jdbc, Clock clock, java.util.function.Supplier<List<String>> stages) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.stages = stages;
    }

    public Page page(Filter filter, Long before, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        // Counted up to a cap: an exact count walks every matching row, and past the cap the figure no longer helps.
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 FROM dead_letter" + where + " LIMIT "
                + (COUNT_CAP + 1) + ") capped", Long.class, args.toArray());
        List<DeadLetter> rows = newestFirst(where, args, before, size + 1);
        Long next = rows.size() > size ? rows.get(size - 1).id() : null;
        return new Page(rows.size() > size ? rows.subList(0, size) : rows, total, total > COUNT_CAP, next);
    }

    /**
     * The newest {@code wanted} rows below {@code before}, read in id windows from the newest down, each window
     * twice the last: a page of a common filter is found in the first small window, a rare one in a few larger
     * ones, and no query sorts more than its window's matches (which some planners, H2's, do for ORDER BY id DESC).
     */
    private List<DeadLetter> newestFirst(String where, List<Object> filterArgs, Long before, int wanted) {
        Map<String, Object> bounds = jdbc.queryForMap("SELECT MIN(id) AS low, MAX(id) AS high FROM dead_letter");
        if (bounds.get("low") == null) {
            return List.of();
        }
        long low = ((Number) bounds.get("low")).longValue();
        long upper = before != null ? Math.min(before, ((Number) bounds.get("high")).longValue() + 1)
                : ((Number) bounds.get("high")).longValue() + 1;
        String sql = "SELECT * FROM dead_letter" + (where.isEmpty() ? " WHERE " : where + " AND ")
                + "id < ? AND id >= ? ORDER BY id DESC LIMIT ?";
        List<DeadLetter> rows = new ArrayList<>();
        long window = Math.max(wanted * 4L, 256);
        while (rows.size() < wanted && upper > low) {
            List<Object> args = new ArrayList<>(filterArgs);
            args.add(upper);
            args.add(upper - window);
            args.add(wanted - rows.size());
            rows.addAll(jdbc.query(sql, DeadLetterStore::row, args.toArray()));
            upper -= window;
            window *= 2;
        }
        return rows;
    }

    /** The ids the filter selects, newest first, at most {@code limit}. */
    public List<Long> ids(Filter filter, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        return newestFirst(where, args, null, limit).stream().map(DeadLetter::id).toList();
    }

    /**
     * Open entries of a tenant per stage, each counted up to {@link #COUNT_CAP}; the stages are the routes that
     * exist, so no query walks the whole table to find them.
     */
    public Map<String, Long> openByStage(String tenant) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String stage : stages.get()) {
            long open = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 FROM dead_letter WHERE tenant = ? AND "
                    + "status = 'OPEN' AND route_id = ? LIMIT " + (COUNT_CAP + 1) + ") capped", Long.class, tenant,
                    stage);
            if (open > 0) {
                counts.put(stage, open);
            }
        }
        return counts;
    }

    /** The stages (routes) a dead letter may come from, for the console's filter. */
    public List<String> stages() {
        return stages.get();
    }

    private String where(Filter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.tenants() != null) {
            if (filter.tenants().isEmpty()) {
                conditions.add("1 = 0");
            } else {
                conditions.add("tenant IN (" + String.join(",", filter.tenants().stream().map(t -> "?").toList())
                        + ")");
                args.addAll(filter.tenants());
            }
        }
        if (filter.tenant() != null) {
            conditions.add("tenant = ?");
            args.add(filter.tenant());
        }
        if (filter.status() != null) {
            conditions.add("status = ?");
            args.add(filter.status().name());
        }
        if (filter.stage() != null) {
            conditions.add("route_id = ?");
            args.add(filter.stage());
        }
        if (filter.cause() != null) {
            conditions.add("LOWER(cause_type) LIKE ?");
            args.add("%" + filter.cause().toLowerCase().replace("%", "") + "%");
        }
        if (filter.minAge() != null) {
            conditions.add("failed_at <= ?");
            args.add(clock.instant().minus(filter.minAge()).atOffset(ZoneOffset.UTC));
        }
        if (filter.maxAge() != null) {
            conditions.add("failed_at >= ?");
            args.add(clock.instant().minus(filter.maxAge()).atOffset(ZoneOffset.UTC));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
