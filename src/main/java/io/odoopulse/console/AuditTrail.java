package io.odoopulse.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail (table operator_action): one row per operator action, whatever came of it. */
public class AuditTrail {

    /**
     * @param selection the filter a bulk action selected its entries by
     * @param entryIds  the dead letters the action touched, if any
     */
    public record Entry(long id, Instant actedAt, String actor, String action, String tenant, String selection,
                        List<Long> entryIds, String reason, String outcome) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String tenant, String selection, List<Long> entryIds,
                       String reason, String outcome) {
        jdbc.update("INSERT INTO operator_action (acted_at, actor, action, tenant, selection, entry_ids, reason, "
                        + "outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", clock.instant().atOffset(ZoneOffset.UTC), actor,
                action, tenant, selection, entryIds == null || entryIds.isEmpty() ? null
                        : entryIds.stream().map(String::valueOf).collect(Collectors.joining(",")),
                reason, outcome);
    }

    /** Newest first; a partner's scope sees only its tenants' actions. */
    public List<Entry> list(TenantScope scope, String tenant, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (!scope.all()) {
            if (scope.tenants().isEmpty()) {
                return List.of();
            }
            where.append(" AND tenant IN (").append(String.join(",", scope.tenants().stream().map(t -> "?").toList()))
                    .append(")");
            args.addAll(scope.tenants());
        }
        if (tenant != null) {
            where.append(" AND tenant = ?");
            args.add(tenant);
        }
        args.add(Math.max(1, Math.min(limit, 1000)));
        return jdbc.query("SELECT * FROM operator_action" + where + " ORDER BY id DESC LIMIT ?", AuditTrail::row,
                args.toArray());
    }

    private static Entry row(ResultSet rs, int rowNum) throws SQLException {
        String ids = rs.getString("entry_ids");
        return new Entry(rs.getLong("id"), rs.getObject("acted_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("tenant"), rs.getString("selection"),
                ids == null ? List.of() : java.util.Arrays.stream(ids.split(",")).map(Long::valueOf).toList(),
                rs.getString("reason"), rs.getString("outcome"));
    }
}
