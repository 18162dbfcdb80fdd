package io.odoopulse.odoo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** Per tenant and model, the write_date an incremental pull resumes from. */
public class CheckpointStore {

    private final JdbcTemplate jdbc;

    public CheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> writeDate(String tenant, String model) {
        List<String> rows = jdbc.queryForList(
                "SELECT write_date FROM pull_checkpoint WHERE tenant = ? AND model = ?", String.class, tenant, model);
        return rows.stream().findFirst();
    }

    /** Moves the checkpoint forward only; Odoo's {@code YYYY-MM-DD HH:MM:SS} text sorts like time. */
    public void commit(String tenant, String model, String writeDate) {
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        int updated = jdbc.update("UPDATE pull_checkpoint SET write_date = ?, updated_at = ? "
                + "WHERE tenant = ? AND model = ? AND write_date <= ?", writeDate, now, tenant, model, writeDate);
        if (updated == 0 && writeDate(tenant, model).isEmpty()) {
            jdbc.update("INSERT INTO pull_checkpoint (tenant, model, write_date, updated_at) VALUES (?, ?, ?, ?)",
                    tenant, model, writeDate, now);
        }
    }
}
