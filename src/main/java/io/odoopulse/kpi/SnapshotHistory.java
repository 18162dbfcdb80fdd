package io.odoopulse.kpi;

import java.lang.ref.SoftReference;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The latest snapshot of each tenant (table kpi_snapshot, V3), kept so the next one can be compared with it, and
 * whether it reached the Nerve Centre (V5).
 *
 * <p>The snapshot this instance saved last is also held in memory, softly (the collector may take it back), and used
 * while the table still holds that save ({@code saved_id}): reading and parsing it again every tick was a fifth of an
 * idle tick's CPU. A snapshot saved meanwhile by another instance is another save, and is read from the table.
 */
public class SnapshotHistory {

    /** A stored snapshot and whether its push succeeded. */
    public record Entry(KpiSnapshot snapshot, boolean delivered) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The snapshot saved last, and that save's id in the table. */
    private record Saved(String id, KpiSnapshot snapshot) {
    }

    private final Map<String, SoftReference<Saved>> saved = new ConcurrentHashMap<>();

    public SnapshotHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> latest(String tenant) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT saved_id, delivered FROM kpi_snapshot "
                + "WHERE tenant = ?", tenant);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        boolean delivered = Boolean.TRUE.equals(rows.get(0).get("delivered"));
        Object id = rows.get(0).get("saved_id");
        SoftReference<Saved> held = saved.get(tenant);
        Saved mine = held == null ? null : held.get();
        if (mine != null && mine.id().equals(id)) {
            return Optional.of(new Entry(mine.snapshot(), delivered));
        }
        String body = jdbc.queryForObject("SELECT body FROM kpi_snapshot WHERE tenant = ?", String.class, tenant);
        try {
            return Optional.of(new Entry(json.readValue(body, KpiSnapshot.class), delivered));
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
        String id = UUID.randomUUID().toString();
        // One statement (standard MERGE, H2 and PostgreSQL 15): two instances saving at once cannot collide.
        jdbc.update("MERGE INTO kpi_snapshot t USING (VALUES (CAST(? AS VARCHAR(64)), "
                        + "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TEXT), "
                        + "CAST(? AS VARCHAR(36)))) AS s(tenant, as_of, generated_at, body, saved_id) "
                        + "ON t.tenant = s.tenant "
                        + "WHEN MATCHED THEN UPDATE SET as_of = s.as_of, generated_at = s.generated_at, body = s.body, "
                        + "saved_id = s.saved_id, delivered = FALSE "
                        + "WHEN NOT MATCHED THEN INSERT (tenant, as_of, generated_at, body, saved_id, delivered) "
                        + "VALUES (s.tenant, s.as_of, s.generated_at, s.body, s.saved_id, FALSE)",
                snapshot.tenant(), snapshot.asOf().atOffset(ZoneOffset.UTC),
                snapshot.generatedAt().atOffset(ZoneOffset.UTC), body, id);
        saved.put(snapshot.tenant(), new SoftReference<>(new Saved(id, snapshot)));
    }

    /** Marks the tenant's stored snapshot delivered, unless a newer one has replaced it meanwhile. */
    public void delivered(KpiSnapshot snapshot) {
        // Cast as when saved, so the database rounds both instants to its precision alike (microseconds).
        jdbc.update("UPDATE kpi_snapshot SET delivered = TRUE WHERE tenant = ?"
                + " AND generated_at = CAST(? AS TIMESTAMP WITH TIME ZONE)", snapshot.tenant(),
                snapshot.generatedAt().atOffset(ZoneOffset.UTC));
    }
}
