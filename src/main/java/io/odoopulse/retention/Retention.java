package io.odoopulse.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the deployment keeps and for how long (docs/operations.md#retention): resolved dead letters are deleted after
 * {@code pulse.retention.dead-letters-days}, personal data in every dead letter's payload is masked after
 * {@code personal-data-days}, idempotent keys that no read can ever need again are pruned, and the tick ledger and
 * resolved operator notices are trimmed to {@code history-days}. Each kind purged is counted in
 * {@code pulse.retention.purged{kind}}.
 */
public class Retention {

    /**
     * @param deadLetters how long a replayed or discarded dead letter is kept after it was resolved
     * @param personalData how long after its failure a dead letter's payload keeps personal data
     * @param idempotentKeys whether superseded idempotent keys behind the checkpoints are pruned
     * @param personalFields the payload fields that hold personal data
     * @param history how long finished ticks and resolved operator notices are kept
     */
    public record Settings(Duration deadLetters, Duration personalData, boolean idempotentKeys,
                           Set<String> personalFields, Duration history) {}

    /** What one run purged. */
    public record Result(long deadLetters, long personalData, long idempotentKeys, long history) {}

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final DateTimeFormatter ODOO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final TenantRegistry tenants;
    private final Settings settings;
    private final PersonalData personal;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String processorName;

    public Retention(JdbcTemplate jdbc, TenantRegistry tenants, Settings settings, ObjectMapper json,
                     MeterRegistry meters, Clock clock, String processorName) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.settings = settings;
        this.personal = new PersonalData(settings.personalFields(), json);
        this.meters = meters;
        this.clock = clock;
        this.processorName = processorName;
        for (String kind : List.of("dead-letters", "personal-data", "idempotent-keys", "history")) {
            purged(kind);
        }
    }

    /**
     * The scheduled run of {@code scheduledFor}, on the one instance whose claim (a row of retention_run) succeeds;
     * empty on the others.
     */
    public Optional<Result> runOnce(Instant scheduledFor, String instance) {
        try {
            jdbc.update("INSERT INTO retention_run (scheduled_for, instance, started_at) VALUES (?, ?, ?)",
                    scheduledFor.atOffset(ZoneOffset.UTC), instance, clock.instant().atOffset(ZoneOffset.UTC));
        } catch (DuplicateKeyException taken) {
            LOG.debug("retention run of {} taken by another instance", scheduledFor);
            return Optional.empty();
        }
        Result result = run();
        jdbc.update("UPDATE retention_run SET finished_at = ?, dead_letters = ?, personal_data = ?, "
                + "idempotent_keys = ? WHERE scheduled_for = ?", clock.instant().atOffset(ZoneOffset.UTC),
                result.deadLetters(), result.personalData(), result.idempotentKeys(),
                scheduledFor.atOffset(ZoneOffset.UTC));
        return Optional.of(result);
    }

    /** Every kind, now. */
    public Result run() {
        Instant now = clock.instant();
        Result result = new Result(purgeDeadLetters(now.minus(settings.deadLetters())),
                maskPersonalData(now.minus(settings.personalData())),
                settings.idempotentKeys() ? pruneIdempotentKeys() : 0, trimHistory(now.minus(settings.history())));
        LOG.info("retention: {} resolved dead letters deleted, {} payloads masked, {} idempotent keys pruned, {} old "
                + "ticks and notices deleted", result.deadLetters(), result.personalData(), result.idempotentKeys(),
                result.history());
        return result;
    }

    /**
     * Ticks that fired before {@code cutoff} and notices resolved before it: deleted, a tenant at a time (a tick a
     * minute for each of hundreds of tenants grows the ledger that the signals read every few seconds). A tenant's
     * latest successful tick and latest delivered one are kept whatever their age: they are its "last success" and
     * "last push".
     */
    long trimHistory(Instant cutoff) {
        var before = cutoff.atOffset(ZoneOffset.UTC);
        long total = 0;
        for (String tenant : jdbc.queryForList("SELECT DISTINCT tenant FROM tenant_tick", String.class)) {
            total += jdbc.update("""
                    DELETE FROM tenant_tick t WHERE t.tenant = ? AND t.fire_time < ? AND t.status <> 'RUNNING'
                    AND (t.status <> 'DONE' OR EXISTS (SELECT 1 FROM tenant_tick n WHERE n.tenant = t.tenant
                         AND n.fire_time > t.fire_time AND n.status = 'DONE'))
                    AND (t.delivered_at IS NULL OR EXISTS (SELECT 1 FROM tenant_tick n WHERE n.tenant = t.tenant
                         AND n.fire_time > t.fire_time AND n.delivered_at IS NOT NULL))
                    """, tenant, before);
        }
        total += jdbc.update("DELETE FROM operator_notice WHERE status = 'RESOLVED' AND resolved_at < ?", before);
        purged("history").increment(total);
        return total;
    }

    /** Replayed or discarded before {@code cutoff}: deleted, a batch per transaction. Open ones are never. */
    long purgeDeadLetters(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.update("DELETE FROM dead_letter WHERE id IN (SELECT id FROM dead_letter WHERE status IN "
                    + "('REPLAYED', 'DISCARDED') AND resolved_at < ? ORDER BY id FETCH FIRST " + BATCH
                    + " ROWS ONLY)", cutoff.atOffset(ZoneOffset.UTC));
            total += deleted;
        } while (deleted > 0);
        purged("dead-letters").increment(total);
        return total;
    }

    /** Failed before {@code cutoff} and not yet masked: the payload's personal fields masked, whatever the status. */
    long maskPersonalData(Instant cutoff) {
        long total = 0;
        while (true) {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, payload FROM dead_letter WHERE failed_at < ? "
                    + "AND payload_masked_at IS NULL ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY",
                    cutoff.atOffset(ZoneOffset.UTC));
            if (rows.isEmpty()) {
                break;
            }
            var at = clock.instant().atOffset(ZoneOffset.UTC);
            List<Object[]> updates = new ArrayList<>(rows.size());
            for (Map<String, Object> row : rows) {
                updates.add(new Object[] {personal.mask((String) row.get("payload")), at, row.get("id")});
            }
            jdbc.batchUpdate("UPDATE dead_letter SET payload = ?, payload_masked_at = ? WHERE id = ?", updates);
            total += rows.size();
        }
        purged("personal-data").increment(total);
        return total;
    }

    /**
     * Idempotent keys ({@code tenant/model/id/updatedAt/digest}) that no read can need again: a key is pruned only
     * when the same record has a newer key (Odoo now returns that newer version to any read, incremental or by id)
     * and its own write_date is more than twice the overlap behind the model's checkpoint (no read in flight can
     * still return it: a transaction stamped before that has committed, as the cursor assumes). A record's newest key
     * is kept whatever its age: a full re-read after a checkpoint reset, a company granted later, a reconciliation or
     * an audit re-read returns exactly that version and must find it known, or the record would be stored again.
     */
    long pruneIdempotentKeys() {
        long total = 0;
        for (Tenant tenant : tenants.all()) {
            Map<String, String> checkpoints = new HashMap<>();
            jdbc.query("SELECT model, write_date FROM pull_checkpoint WHERE tenant = ?",
                    rs -> { checkpoints.put(rs.getString(1), rs.getString(2)); }, tenant.id());
            for (Map.Entry<String, String> checkpoint : checkpoints.entrySet()) {
                Instant cutoff;
                try {
                    cutoff = LocalDateTime.parse(checkpoint.getValue(), ODOO).toInstant(ZoneOffset.UTC)
                            .minus(tenant.pull().overlap().multipliedBy(2));
                } catch (DateTimeParseException e) {
                    continue;
                }
                total += prune(tenant.id(), checkpoint.getKey(), cutoff);
            }
        }
        purged("idempotent-keys").increment(total);
        return total;
    }

    private long prune(String tenant, String model, Instant cutoff) {
        String prefix = tenant + "/" + model + "/";
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        // Two passes, so that memory holds one instant per record, not every key.
        Map<String, Instant> newest = new HashMap<>();
        forEachPage(like, page -> page.forEach(messageId -> {
            Key key = Key.parse(messageId, prefix);
            if (key != null) {
                newest.merge(key.id(), key.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }));
        long[] pruned = {0};
        forEachPage(like, page -> {
            List<Object[]> doomed = new ArrayList<>();
            for (String messageId : page) {
                Key key = Key.parse(messageId, prefix);
                if (key != null && key.updatedAt().isBefore(cutoff)
                        && key.updatedAt().isBefore(newest.get(key.id()))) {
                    doomed.add(new Object[] {processorName, messageId});
                }
            }
            // Only keys up to the page's last are deleted, so the next page's start is unaffected.
            jdbc.batchUpdate("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?", doomed);
            pruned[0] += doomed.size();
        });
        return pruned[0];
    }

    /** The keys matching {@code like}, a page at a time in the database's order (keyset paging, bounded memory). */
    private void forEachPage(String like, java.util.function.Consumer<List<String>> action) {
        String after = "";
        while (true) {
            List<String> page = jdbc.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? "
                    + "AND messageId LIKE ? ESCAPE '\\' AND messageId > ? ORDER BY messageId FETCH FIRST " + BATCH
                    + " ROWS ONLY", String.class, processorName, like, after);
            if (page.isEmpty()) {
                return;
            }
            action.accept(page);
            after = page.get(page.size() - 1);
        }
    }

    /** The parts of a key retention reads; null for a key it cannot read, which is then kept. */
    private record Key(String id, Instant updatedAt) {
        static Key parse(String messageId, String prefix) {
            String[] rest = messageId.substring(prefix.length()).split("/", 3);
            if (rest.length < 3) {
                return null;
            }
            try {
                return new Key(rest[0], Instant.parse(rest[1]));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private Counter purged(String kind) {
        return Counter.builder("pulse.retention.purged").tag("kind", kind)
                .description("Rows retention deleted (dead letters, idempotent keys) or masked (personal data)")
                .register(meters);
    }
}
