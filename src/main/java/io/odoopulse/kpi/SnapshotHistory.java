package io.odoopulse.kpi;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.springframework.jdbc.core.JdbcTemplate;

/** The latest snapshot of each tenant (table kpi_snapshot, V3), kept so the next one can be compared with it. */
public class SnapshotHistory {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SnapshotHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<KpiSnapshot> latest(String tenant) {
        List<String> bodies = jdbc.queryForList("SELECT body FROM kpi_snapshot WHERE tenant = ?", String.class,
                tenant);
        if (bodies.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(bodies.get(0), KpiSnapshot.class));
        } catch (JsonProcessingException e) {
            // A snapshot stored by an older card model is only a lost comparison, not a reason to stop pushing.
            return Optional.empty();
        }
    }

    public void save(KpiSnapshot snapshot) {
        String body;
        try {
            body = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // One statement (standard MERGE, H2 and PostgreSQL 15): two instances saving at once cannot collide.
        jdbc.update("MERGE INTO kpi_snapshot t USING (VALUES (CAST(? AS VARCHAR(64)), "
                        + "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TEXT))) "
                        + "AS s(tenant, as_of, generated_at, body) ON t.tenant = s.tenant "
                        + "WHEN MATCHED THEN UPDATE SET as_of = s.as_of, generated_at = s.generated_at, body = s.body "
                        + "WHEN NOT MATCHED THEN INSERT (tenant, as_of, generated_at, body) "
                        + "VALUES (s.tenant, s.as_of, s.generated_at, s.body)",
                snapshot.tenant(), snapshot.asOf().atOffset(ZoneOffset.UTC),
                snapshot.generatedAt().atOffset(ZoneOffset.UTC), body);
    }
}
