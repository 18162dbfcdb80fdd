package io.odoopulse.notice;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Operator notices (table operator_notice), one open per tenant, model and kind. */
public class NoticeStore {

    private static final RowMapper<Notice> ROW = (rs, n) -> new Notice(rs.getLong("id"), rs.getString("tenant"),
            rs.getString("model"), rs.getString("kind"), rs.getString("message"),
            Notice.Status.valueOf(rs.getString("status")), rs.getInt("occurrences"),
            rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
            rs.getObject("last_seen", OffsetDateTime.class).toInstant(),
            Optional.ofNullable(rs.getObject("resolved_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                    .orElse(null),
            Optional.ofNullable(rs.getObject("confirmed_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                    .orElse(null));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public NoticeStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Opens the notice, or counts one more sighting of the open one with the latest message. */
    public void raise(String tenant, String model, String kind, String message) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        String text = message.length() > 4000 ? message.substring(0, 3997) + "..." : message;
        int seen = jdbc.update("UPDATE operator_notice SET message = ?, last_seen = ?, occurrences = occurrences + 1 "
                + "WHERE tenant = ? AND model = ? AND kind = ? AND status = 'OPEN'", text, now, tenant, model, kind);
        if (seen == 0) {
            jdbc.update("INSERT INTO operator_notice (tenant, model, kind, message, status, first_seen, last_seen) "
                    + "VALUES (?, ?, ?, ?, 'OPEN', ?, ?)", tenant, model, kind, text, now, now);
        }
    }

    /** The condition cleared: its open notice, if any, is resolved. */
    public void resolve(String tenant, String model, String kind) {
        jdbc.update("UPDATE operator_notice SET status = 'RESOLVED', resolved_at = ? WHERE tenant = ? AND model = ? "
                + "AND kind = ? AND status = 'OPEN'", clock.instant().atOffset(ZoneOffset.UTC), tenant, model, kind);
    }

    /**
     * An operator confirms an open notice; the condition's owner acts on it at its next look (e.g. the next deletion
     * reconciliation applies a withheld drop). Empty: no such notice; its status otherwise (only OPEN is confirmed).
     */
    public Optional<Notice> confirm(long id) {
        jdbc.update("UPDATE operator_notice SET confirmed_at = ? WHERE id = ? AND status = 'OPEN' "
                + "AND confirmed_at IS NULL", clock.instant().atOffset(ZoneOffset.UTC), id);
        return find(id);
    }

    public Optional<Notice> find(long id) {
        return jdbc.query("SELECT * FROM operator_notice WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Whether the open notice of this tenant, model and kind has been confirmed by an operator. */
    public boolean confirmed(String tenant, String model, String kind) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM operator_notice WHERE tenant = ? AND model = ? AND "
                + "kind = ? AND status = 'OPEN' AND confirmed_at IS NOT NULL", Integer.class, tenant, model, kind);
        return n != null && n > 0;
    }

    public List<Notice> list(Optional<Notice.Status> status, Optional<String> tenant) {
        StringBuilder sql = new StringBuilder("SELECT * FROM operator_notice WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        status.ifPresent(s -> {
            sql.append(" AND status = ?");
            args.add(s.name());
        });
        tenant.ifPresent(t -> {
            sql.append(" AND tenant = ?");
            args.add(t);
        });
        sql.append(" ORDER BY last_seen DESC, id DESC");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }
}
