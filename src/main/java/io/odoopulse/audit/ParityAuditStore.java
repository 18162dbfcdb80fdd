package io.odoopulse.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.odoopulse.kpi.KpiSnapshot;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The parity audit's state (tables parity_audit_tick and parity_audit), shared by every instance that may run a
 * tenant's ticks: how many ticks since the counting began, whether the next one must audit, and each model's last
 * audit.
 */
public class ParityAuditStore {

    private final JdbcTemplate jdbc;

    public ParityAuditStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one tick of the tenant.
     *
     * @return whether it audits: the first tick, then every {@code every}-th, and any tick after one that found drift
     */
    public boolean countTick(String tenant, int every) {
        if (every <= 0) {
            return false;
        }
        if (jdbc.update("UPDATE parity_audit_tick SET ticks = ticks + 1 WHERE tenant = ?", tenant) == 0) {
            jdbc.update("INSERT INTO parity_audit_tick (tenant, ticks, due) VALUES (?, 1, FALSE)", tenant);
        }
        var row = jdbc.queryForMap("SELECT ticks, due FROM parity_audit_tick WHERE tenant = ?", tenant);
        long ticks = ((Number) row.get("ticks")).longValue();
        return Boolean.TRUE.equals(row.get("due")) || (ticks - 1) % every == 0;
    }

    /** After an audit: whether the next tick must audit again (it found drift). */
    public void dueNext(String tenant, boolean due) {
        jdbc.update("UPDATE parity_audit_tick SET due = ? WHERE tenant = ?", due, tenant);
    }

    public void record(String tenant, KpiSnapshot.Audit audit) {
        OffsetDateTime at = audit.auditedAt().atOffset(ZoneOffset.UTC);
        String detail = audit.detail() == null || audit.detail().length() <= 4000 ? audit.detail()
                : audit.detail().substring(0, 3997) + "...";
        if (jdbc.update("UPDATE parity_audit SET audited_at = ?, result = ?, figures = ?, differences = ?, detail = ? "
                + "WHERE tenant = ? AND model = ?", at, audit.result().name(), audit.figures(), audit.differences(),
                detail, tenant, audit.model()) == 0) {
            jdbc.update("INSERT INTO parity_audit (tenant, model, audited_at, result, figures, differences, detail) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", tenant, audit.model(), at, audit.result().name(), audit.figures(),
                    audit.differences(), detail);
        }
    }

    /** Each model's last audit, by model. */
    public List<KpiSnapshot.Audit> last(String tenant) {
        return jdbc.query("SELECT * FROM parity_audit WHERE tenant = ? ORDER BY model", (rs, n) -> new KpiSnapshot.Audit(
                rs.getString("model"), rs.getObject("audited_at", OffsetDateTime.class).toInstant(),
                KpiSnapshot.Audit.Result.valueOf(rs.getString("result")), rs.getInt("figures"),
                rs.getInt("differences"), rs.getString("detail")), tenant);
    }

    /** Dead-lettered records of the model: known to be missing from the store, and reported there already. */
    public long openDeadLetters(String tenant, String model) {
        Long n = jdbc.queryForObject("SELECT COUNT(DISTINCT record_id) FROM dead_letter WHERE tenant = ? AND model = ? "
                + "AND status = 'OPEN'", Long.class, tenant, model);
        return n == null ? 0 : n;
    }
}
