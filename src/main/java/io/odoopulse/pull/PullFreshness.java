package io.odoopulse.pull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fresh each model of a tenant is in the store (table pull_freshness): when its last complete read started and
 * ended, and when a read last failed and why. The snapshot's freshness block is built from it, so a model that
 * failed in a tick is named and the cards it feeds say they show its last good figures.
 */
public class PullFreshness {

    /**
     * One model's reads.
     *
     * @param readStartedAt when the last complete read started: everything Odoo had committed before it is stored
     * @param checkpoint the write_date before which every row is stored (Odoo's text, UTC)
     */
    public record Entry(String model, Instant startedAt, Instant readStartedAt, Instant readAt, Instant failedAt,
                        String error, long reads, String checkpoint) {

        /** A read started after the last complete one and did not complete: it failed (or is still running). */
        public boolean failedSinceLastRead() {
            return failedAt != null && (readAt == null || failedAt.isAfter(readAt));
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PullFreshness(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A read of the model starts. */
    void started(String tenant, String model) {
        OffsetDateTime now = now();
        if (jdbc.update("UPDATE pull_freshness SET started_at = ? WHERE tenant = ? AND model = ?", now, tenant,
                model) == 0) {
            jdbc.update("INSERT INTO pull_freshness (tenant, model, started_at) VALUES (?, ?, ?)", tenant, model, now);
        }
    }

    /** The read that started at {@code started_at} has stored (or dead-lettered) every record and its follow-ups. */
    public void read(@Header("pulseTenant") String tenant, @Header("pulseModel") String model) {
        jdbc.update("UPDATE pull_freshness SET read_started_at = started_at, read_at = ?, reads = reads + 1 "
                + "WHERE tenant = ? AND model = ?", now(), tenant, model);
    }

    /**
     * Called by the dead-letter channel when a model's pull itself failed (not one record of it), with the cause as
     * the dead-letter store wrote it (credentials masked).
     */
    public void failed(@Header("pulseTenant") String tenant, @Header("pulseModel") String model,
                       @ExchangeProperty("pulseDeadLetterCause") String cause) {
        String error = cause == null ? "unknown failure" : cause;
        if (error.length() > 2000) {
            error = error.substring(0, 2000);
        }
        OffsetDateTime now = now();
        if (jdbc.update("UPDATE pull_freshness SET failed_at = ?, error = ? WHERE tenant = ? AND model = ?", now,
                error, tenant, model) == 0) {
            jdbc.update("INSERT INTO pull_freshness (tenant, model, started_at, failed_at, error) VALUES (?, ?, ?, ?, ?)",
                    tenant, model, now, now, error);
        }
    }

    /** Whether any model of the tenant has ever been read completely. */
    public boolean anyRead(@Header("pulseTenant") String tenant) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM pull_freshness WHERE tenant = ? AND read_at IS NOT NULL",
                Integer.class, tenant) > 0;
    }

    /** Asks for a deletion reconciliation of the model on its next pull, whatever its schedule. */
    public void requestReconcile(String tenant, String model) {
        jdbc.update("UPDATE pull_freshness SET reconcile_requested = TRUE WHERE tenant = ? AND model = ?", tenant, model);
    }

    /** Whether a reconciliation was asked for; the request is taken (cleared) by this call. */
    boolean takeReconcileRequest(String tenant, String model) {
        return jdbc.update("UPDATE pull_freshness SET reconcile_requested = FALSE WHERE tenant = ? AND model = ? "
                + "AND reconcile_requested = TRUE", tenant, model) > 0;
    }

    /** How many reads of the model have completed so far. */
    long reads(String tenant, String model) {
        List<Long> reads = jdbc.queryForList("SELECT reads FROM pull_freshness WHERE tenant = ? AND model = ?",
                Long.class, tenant, model);
        return reads.isEmpty() ? 0 : reads.get(0);
    }

    /** Every model of the tenant that has been read or tried, with its checkpoint. */
    public List<Entry> entries(String tenant) {
        return jdbc.query("SELECT f.model, f.started_at, f.read_started_at, f.read_at, f.failed_at, f.error, f.reads, "
                + "c.write_date FROM pull_freshness f LEFT JOIN pull_checkpoint c ON c.tenant = f.tenant "
                + "AND c.model = f.model WHERE f.tenant = ? ORDER BY f.model", PullFreshness::entry, tenant);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString(1), instant(rs, 2), instant(rs, 3), instant(rs, 4), instant(rs, 5),
                rs.getString(6), rs.getLong(7), rs.getString(8));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
