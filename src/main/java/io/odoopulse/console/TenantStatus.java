package io.odoopulse.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.odoopulse.deadletter.DeadLetterSearch;
import io.odoopulse.pull.PullFreshness;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

/** What an on-call person checks first about each tenant. */
public class TenantStatus {

    /**
     * @param lastTick        when the last tick that read every model ended
     * @param lag             how long ago that tick was scheduled
     * @param oldestRead      the least fresh model's last complete read: every card is at least this fresh
     * @param openDeadLetters open dead letters per stage (route)
     */
    public record Row(String id, String name, boolean paused, Instant lastTick, Duration lag, Instant oldestRead,
                      List<String> failingModels, Map<String, Long> openDeadLetters) {

        public long openTotal() {
            return openDeadLetters.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final TenantRegistry tenants;
    private final JdbcTemplate jdbc;
    private final PullFreshness freshness;
    private final DeadLetterSearch deadLetters;
    private final TenantControl control;
    private final Clock clock;

    public TenantStatus(TenantRegistry tenants, JdbcTemplate jdbc, PullFreshness freshness,
                        DeadLetterSearch deadLetters, TenantControl control, Clock clock) {
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.freshness = freshness;
        this.deadLetters = deadLetters;
        this.control = control;
        this.clock = clock;
    }

    public List<Row> rows(TenantScope scope) {
        Map<String, Map<String, Object>> pauses = control.pauses();
        return tenants.all().stream().filter(t -> scope.permits(t.id()))
                .sorted(java.util.Comparator.comparing(Tenant::id))
                .map(t -> row(t, pauses.containsKey(t.id()), deadLetters.openByStage(t.id()))).toList();
    }

    private Row row(Tenant tenant, boolean paused, Map<String, Long> open) {
        List<Map<String, Object>> ticks = jdbc.queryForList("SELECT fire_time, finished_at FROM tenant_tick "
                + "WHERE tenant = ? AND status = 'DONE' AND failed_models IS NULL ORDER BY fire_time DESC LIMIT 1",
                tenant.id());
        Instant lastTick = null;
        Duration lag = null;
        if (!ticks.isEmpty()) {
            lastTick = instant(ticks.get(0).get("finished_at"));
            Instant fired = instant(ticks.get(0).get("fire_time"));
            lag = fired == null ? null : Duration.between(fired, clock.instant()).withNanos(0);
        }
        List<PullFreshness.Entry> reads = freshness.entries(tenant.id());
        Instant oldest = reads.stream().map(PullFreshness.Entry::readAt).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        List<String> failing = reads.stream().filter(PullFreshness.Entry::failedSinceLastRead)
                .map(PullFreshness.Entry::model).toList();
        return new Row(tenant.id(), tenant.name(), paused, lastTick, lag, oldest, failing, open);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.temporal.TemporalAccessor t) {
            return Instant.from(t);
        }
        return null;
    }
}
