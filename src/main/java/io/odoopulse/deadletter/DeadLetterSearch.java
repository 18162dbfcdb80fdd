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

    /** @param nextBefore the id to pass as {@code before} for the next page; null on the last page */
    public record Page(List<DeadLetter> items, long total, Long nextBefore) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeadLetterSearch(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Page page(Filter filter, Long before, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter" + where, Long.class, args.toArray());
        if (before != null) {
            where += (where.isEmpty() ? " WHERE " : " AND ") + "id < ?";
            args.add(before);
        }
        args.add(size + 1);
        List<DeadLetter> rows = jdbc.query("SELECT * FROM dead_letter" + where + " ORDER BY id DESC LIMIT ?",
                DeadLetterStore::row, args.toArray());
        Long next = rows.size() > size ? rows.get(size - 1).id() : null;
        return new Page(rows.size() > size ? rows.subList(0, size) : rows, total, next);
    }

    /** The ids the filter selects, newest first, at most {@code limit}. */
    public List<Long> ids(Filter filter, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(limit);
        return jdbc.queryForList("SELECT id FROM dead_letter" + where + " ORDER BY id DESC LIMIT ?", Long.class,
                args.toArray());
    }

    /** Open entries per tenant and stage (route). */
    public List<Map<String, Object>> openByTenantAndStage() {
        return jdbc.queryForList("SELECT tenant, route_id AS stage, COUNT(*) AS open FROM dead_letter "
                + "WHERE status = 'OPEN' GROUP BY tenant, route_id ORDER BY tenant, route_id");
    }

    /** The stages (routes) dead letters came from, for the console's filter. */
    public List<String> stages() {
        return jdbc.queryForList("SELECT DISTINCT route_id FROM dead_letter WHERE route_id IS NOT NULL "
                + "ORDER BY route_id", String.class);
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
