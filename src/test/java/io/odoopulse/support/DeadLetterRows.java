package io.odoopulse.support;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * An open dead letter written straight into the table, as a pull that failed would leave it. Its id is the one the
 * database generated for this insert: {@code MAX(id)} read afterwards may be a letter the running application wrote
 * in between.
 */
public final class DeadLetterRows {

    private DeadLetterRows() {
    }

    public static long open(JdbcTemplate jdbc, String tenant, String recordId, String payload, String causeType,
                            String causeMessage, Instant failedAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO dead_letter (tenant, model, "
                    + "record_id, route_id, payload, cause_type, cause_message, failed_at, status) "
                    + "VALUES (?, 'sale.order', ?, 'canonical-record', ?, ?, ?, ?, 'OPEN')", new String[] {"id"});
            insert.setString(1, tenant);
            insert.setString(2, recordId);
            insert.setString(3, payload);
            insert.setString(4, causeType);
            insert.setString(5, causeMessage);
            insert.setObject(6, failedAt.atOffset(ZoneOffset.UTC));
            return insert;
        }, key);
        return Objects.requireNonNull(key.getKey(), "no generated id").longValue();
    }
}
