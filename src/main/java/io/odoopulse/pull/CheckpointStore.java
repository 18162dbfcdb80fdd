package io.odoopulse.pull;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** Per tenant and model, the write_date an incremental pull resumes from. */
public class CheckpointStore {

    /**
     * @param writeDate every row written before this second has been handed on (Odoo's text, UTC)
     * @param committedAt when a pull last confirmed it: once that is well past the overlap, no transaction can
     *                    still commit rows stamped before it
     * @param mappingFingerprint the mapping the rows before it were read with (ModelMapping#fingerprint); null when
     *                           none was recorded (a version before fingerprints)
     */
    public record Checkpoint(String writeDate, Instant committedAt, String mappingFingerprint) {}

    private final JdbcTemplate jdbc;
    /** The application's clock: a checkpoint is settled by the time that passes for the pulls, as they see it. */
    private final Clock clock;

    public CheckpointStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> writeDate(String tenant, String model) {
        return checkpoint(tenant, model).map(Checkpoint::writeDate);
    }

    public Optional<Checkpoint> checkpoint(String tenant, String model) {
        return jdbc.query("SELECT write_date, updated_at, mapping_fingerprint FROM pull_checkpoint WHERE tenant = ? "
                + "AND model = ?", (rs, n) -> new Checkpoint(rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)),
                tenant, model).stream().findFirst();
    }

    /** Moves the checkpoint forward only; Odoo's {@code YYYY-MM-DD HH:MM:SS} text sorts like time. */
    public void commit(String tenant, String model, String writeDate) {
        commit(tenant, model, writeDate, null);
    }

    /**
     * Moves the checkpoint forward and records the mapping it was read with ({@link Checkpoint#mappingFingerprint};
     * null keeps the recorded one): a pull with another mapping reads the model again from the start.
     */
    public void commit(String tenant, String model, String writeDate, String fingerprint) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.update("UPDATE pull_checkpoint SET write_date = ?, updated_at = ?, mapping_fingerprint = "
                + "COALESCE(?, mapping_fingerprint) WHERE tenant = ? AND model = ? AND write_date <= ?", writeDate, now,
                fingerprint, tenant, model, writeDate);
        if (updated == 0 && writeDate(tenant, model).isEmpty()) {
            jdbc.update("INSERT INTO pull_checkpoint (tenant, model, write_date, updated_at, mapping_fingerprint) "
                    + "VALUES (?, ?, ?, ?, ?)", tenant, model, writeDate, now, fingerprint);
        }
    }

    /** Forgets the checkpoint: the next pull reads the model in full (the idempotent consumer drops what is known). */
    public void reset(String tenant, String model) {
        jdbc.update("DELETE FROM pull_checkpoint WHERE tenant = ? AND model = ?", tenant, model);
    }

    /** Forgets every checkpoint of the tenant: the next tick reads each model in full. */
    public void resetTenant(String tenant) {
        jdbc.update("DELETE FROM pull_checkpoint WHERE tenant = ?", tenant);
    }
}
