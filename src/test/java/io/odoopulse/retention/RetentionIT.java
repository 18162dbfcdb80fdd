package io.odoopulse.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention over 100,000 dead letters, on H2 and on PostgreSQL: resolved ones past their days are deleted and nothing
 * else; personal data in old payloads is masked and nothing else is changed; superseded idempotent keys behind the
 * checkpoint are pruned and every key a re-read could still need is kept.
 */
class RetentionIT {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYLOAD = "{\"id\":%d,\"name\":\"Customer %d\",\"email\":\"c%d@example.com\","
            + "\"partner_id\":[7,\"Azure Interior\"],\"amount_total\":12.5,\"state\":\"sale\",\"ref\":false}";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void ofOneHundredThousandDeadLettersOnlyTheResolvedOnesPastTheirDaysAreDeleted(String kind) {
        try (TestDatabase.Handle db = database(kind)) {
            JdbcTemplate jdbc = db.jdbc();
            insert(jdbc, 30_000, "DISCARDED", 41, 40);   // resolved 40 days ago: deleted
            insert(jdbc, 20_000, "REPLAYED", 32, 31);    // resolved 31 days ago: deleted
            insert(jdbc, 10_000, "DISCARDED", 30, 29);   // resolved 29 days ago: kept
            insert(jdbc, 25_000, "OPEN", 100, -1);       // open for 100 days: kept, its personal data masked
            insert(jdbc, 15_000, "OPEN", 10, -1);        // open for 10 days: kept as it is
            Map<String, Long> before = countsByStatus(jdbc);

            long started = System.nanoTime();
            Retention.Result result = retention(jdbc).run();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("retention on %s: 100,000 dead letters, %d deleted and %d masked in %d ms%n", kind,
                    result.deadLetters(), result.personalData(), took.toMillis());

            assertThat(before).containsEntry("DISCARDED", 40_000L).containsEntry("OPEN", 40_000L);
            assertThat(result.deadLetters()).isEqualTo(50_000);
            assertThat(countsByStatus(jdbc)).containsOnly(Map.entry("DISCARDED", 10_000L), Map.entry("OPEN", 40_000L));
            assertThat(jdbc.queryForObject("SELECT MIN(resolved_at) FROM dead_letter", java.time.OffsetDateTime.class)
                    .toInstant()).isAfter(NOW.minus(Duration.ofDays(30)));
            assertThat(meters.get("pulse.retention.purged").tag("kind", "dead-letters").counter().count())
                    .isEqualTo(50_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void personalDataInPayloadsOlderThanItsDaysIsMaskedAndTheRestOfThePayloadKept(String kind) throws Exception {
        try (TestDatabase.Handle db = database(kind)) {
            JdbcTemplate jdbc = db.jdbc();
            insert(jdbc, 3, "OPEN", 100, -1);
            insert(jdbc, 2, "OPEN", 10, -1);
            jdbc.update("INSERT INTO dead_letter (tenant, payload, cause_type, failed_at) VALUES ('shop', ?, 'x', ?)",
                    "Customer Jane Doe <jane@example.com> refused", NOW.minus(Duration.ofDays(120)).atOffset(ZoneOffset.UTC));

            Retention.Result result = retention(jdbc).run();

            assertThat(result.personalData()).isEqualTo(4);
            List<String> payloads = jdbc.queryForList("SELECT payload FROM dead_letter ORDER BY id", String.class);
            JsonNode old = JSON.readTree(payloads.get(0));
            assertThat(old.path("name").asText()).isEqualTo("*****");
            assertThat(old.path("email").asText()).isEqualTo("*****");
            assertThat(old.path("partner_id").get(0).asInt()).as("a many2one keeps its id").isEqualTo(7);
            assertThat(old.path("partner_id").get(1).asText()).isEqualTo("*****");
            assertThat(old.path("id").asLong()).isEqualTo(1);
            assertThat(old.path("amount_total").decimalValue()).isEqualByComparingTo("12.5");
            assertThat(old.path("ref").asBoolean(true)).as("Odoo's 'not set' stays false").isFalse();
            assertThat(payloads.get(3)).isEqualTo(PAYLOAD.formatted(4, 4, 4));
            assertThat(payloads.get(5)).doesNotContain("Jane", "jane@example.com");
            assertThat(retention(jdbc).run().personalData()).as("masked once").isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void onlySupersededIdempotentKeysBehindTheCheckpointArePruned(String kind) {
        try (TestDatabase.Handle db = database(kind)) {
            JdbcTemplate jdbc = db.jdbc();
            jdbc.update("INSERT INTO pull_checkpoint (tenant, model, write_date, updated_at) VALUES "
                    + "('shop', 'sale.order', '2026-11-30 12:00:00', ?)", NOW.atOffset(ZoneOffset.UTC));
            List<String> pruned = List.of(
                    "shop/sale.order/1/2026-11-01T00:00:00Z/aaa");           // an older version of order 1
            List<String> kept = List.of(
                    "shop/sale.order/1/2026-11-20T00:00:00Z/bbb",            // order 1 as Odoo has it now
                    "shop/sale.order/2/2026-11-30T11:59:40Z/ccc",            // older, but within twice the overlap
                    "shop/sale.order/2/2026-11-30T11:59:50Z/ddd",
                    "shop/sale.order/3/2026-10-01T00:00:00Z/eee",            // unchanged for months: a re-read needs it
                    "shop/sale.order/12/2026-11-01T00:00:00Z/fff",           // 12 and 123 are different orders
                    "shop/sale.order/123/2026-11-05T00:00:00Z/ggg",
                    "shop/sale.order.line/1/2026-11-01T00:00:00Z/hhh",       // no checkpoint for the lines yet
                    "shop/sale.order.line/1/2026-11-02T00:00:00Z/iii",
                    "other/sale.order/1/2026-11-01T00:00:00Z/jjj",           // not a tenant of this deployment
                    "other/sale.order/1/2026-11-02T00:00:00Z/kkk");
            List<String> all = new ArrayList<>(pruned);
            all.addAll(kept);
            all.forEach(key -> jdbc.update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) "
                    + "VALUES ('odoo-pulse', ?, CURRENT_TIMESTAMP)", key));

            Retention.Result result = retention(jdbc).run();

            assertThat(result.idempotentKeys()).isEqualTo(pruned.size());
            assertThat(jdbc.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED", String.class))
                    .containsExactlyInAnyOrderElementsOf(kept);
            assertThat(meters.get("pulse.retention.purged").tag("kind", "idempotent-keys").counter().count())
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void keysOverManyPagesArePrunedOnePerSupersededVersion(String kind) {
        try (TestDatabase.Handle db = database(kind)) {
            JdbcTemplate jdbc = db.jdbc();
            jdbc.update("INSERT INTO pull_checkpoint (tenant, model, write_date, updated_at) VALUES "
                    + "('shop', 'sale.order', '2026-11-30 12:00:00', ?)", NOW.atOffset(ZoneOffset.UTC));
            List<Object[]> keys = new ArrayList<>();
            for (int id = 1; id <= 6_000; id++) {
                keys.add(new Object[] {"shop/sale.order/" + id + "/2026-11-01T00:00:00Z/old"});
                keys.add(new Object[] {"shop/sale.order/" + id + "/2026-11-10T00:00:00Z/new"});
            }
            jdbc.batchUpdate("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) "
                    + "VALUES ('odoo-pulse', ?, CURRENT_TIMESTAMP)", keys);

            assertThat(retention(jdbc).run().idempotentKeys()).isEqualTo(6_000);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE '%/new'",
                    Integer.class)).isEqualTo(6_000);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED", Integer.class))
                    .isEqualTo(6_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void ticksAndResolvedNoticesPastTheHistoryDaysAreDeletedButEachTenantsLastSuccessAndPushAreKept(String kind) {
        try (TestDatabase.Handle db = database(kind)) {
            JdbcTemplate jdbc = db.jdbc();
            for (int day = 200; day >= 1; day--) {
                tick(jdbc, "shop", day, "DONE", true);     // ticks daily: the last 90 days are kept
            }
            tick(jdbc, "stuck", 150, "DONE", false);       // its last success: kept, however old
            tick(jdbc, "stuck", 140, "DONE", true);        // its last push, and success since: kept
            for (int day = 130; day >= 1; day -= 10) {
                tick(jdbc, "stuck", day, "FAILED", false);  // failing since: the last 90 days kept
            }
            notice(jdbc, "RESOLVED", 100);                   // deleted
            notice(jdbc, "RESOLVED", 10);                    // kept
            notice(jdbc, "OPEN", 200);                       // open: kept

            Retention.Result result = retention(jdbc).run();

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tenant_tick WHERE tenant = 'shop'", Long.class))
                    .isEqualTo(90);
            assertThat(jdbc.queryForList("SELECT status FROM tenant_tick WHERE tenant = 'stuck' ORDER BY fire_time",
                    String.class)).containsExactly("DONE", "FAILED", "FAILED", "FAILED", "FAILED", "FAILED", "FAILED",
                    "FAILED", "FAILED", "FAILED");
            assertThat(jdbc.queryForObject("SELECT MIN(fire_time) FROM tenant_tick WHERE tenant = 'stuck'",
                    java.time.OffsetDateTime.class).toInstant()).isEqualTo(daysAgo(140));
            assertThat(jdbc.queryForList("SELECT status FROM operator_notice ORDER BY id", String.class))
                    .containsExactly("RESOLVED", "OPEN");
            // shop: 110 ticks; stuck: its 150-day success (a newer one exists) and 4 failures past 90 days; a notice.
            assertThat(result.history()).isEqualTo(110 + 1 + 4 + 1);
            assertThat(meters.get("pulse.retention.purged").tag("kind", "history").counter().count())
                    .isEqualTo(116);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aScheduledRunIsRunByTheFirstInstanceToClaimItOnly(String kind) {
        try (TestDatabase.Handle db = database(kind)) {
            JdbcTemplate jdbc = db.jdbc();
            insert(jdbc, 5, "DISCARDED", 41, 40);
            Instant due = Instant.parse("2026-12-01T03:17:00Z");

            var first = retention(jdbc).runOnce(due, "node-1");
            var second = retention(jdbc).runOnce(due, "node-2");

            assertThat(first).hasValueSatisfying(r -> assertThat(r.deadLetters()).isEqualTo(5));
            assertThat(second).isEmpty();
            assertThat(jdbc.queryForObject("SELECT instance FROM retention_run", String.class)).isEqualTo("node-1");
        }
    }

    private Retention retention(JdbcTemplate jdbc) {
        return new Retention(jdbc, TestTenants.withFixedAsOf("shop", NOW), new Retention.Settings(Duration.ofDays(30),
                Duration.ofDays(90), true, Set.of("name", "email", "partner_id"), Duration.ofDays(90)), JSON, meters,
                Clock.fixed(NOW, ZoneOffset.UTC), "odoo-pulse");
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days)).plusSeconds(3_600);
    }

    private static void tick(JdbcTemplate jdbc, String tenant, int daysAgo, String status, boolean delivered) {
        var at = daysAgo(daysAgo).atOffset(ZoneOffset.UTC);
        jdbc.update("INSERT INTO tenant_tick (tenant, fire_time, instance, status, started_at, finished_at, "
                + "delivered_at) VALUES (?, ?, 'node-1', ?, ?, ?, ?)", tenant, at, status, at, at,
                delivered ? at : null);
    }

    private static void notice(JdbcTemplate jdbc, String status, int resolvedDaysAgo) {
        var at = daysAgo(resolvedDaysAgo).atOffset(ZoneOffset.UTC);
        jdbc.update("INSERT INTO operator_notice (tenant, model, kind, message, status, first_seen, last_seen, "
                + "resolved_at) VALUES ('shop', 'sale.order', 'drop', 'a notice', ?, ?, ?, ?)", status, at, at,
                status.equals("OPEN") ? null : at);
    }

    private static TestDatabase.Handle database(String kind) {
        return kind.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres();
    }

    /** {@code count} letters failed {@code failedDaysAgo} and resolved {@code resolvedDaysAgo} (-1: not resolved). */
    private static void insert(JdbcTemplate jdbc, int count, String status, int failedDaysAgo, int resolvedDaysAgo) {
        int first = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class) + 1;
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = first + i;
            rows.add(new Object[] {"shop", "res.partner", Integer.toString(n), "canonical-record",
                    PAYLOAD.formatted(n, n, n), "io.odoopulse.canonical.MappingException", "cannot map",
                    NOW.minus(Duration.ofDays(failedDaysAgo)).atOffset(ZoneOffset.UTC), status,
                    resolvedDaysAgo < 0 ? null : NOW.minus(Duration.ofDays(resolvedDaysAgo)).atOffset(ZoneOffset.UTC)});
        }
        for (int from = 0; from < count; from += 10_000) {
            jdbc.batchUpdate("INSERT INTO dead_letter (tenant, model, record_id, route_id, payload, cause_type, "
                    + "cause_message, failed_at, status, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows.subList(from, Math.min(count, from + 10_000)));
        }
    }

    private static Map<String, Long> countsByStatus(JdbcTemplate jdbc) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT status, COUNT(*) FROM dead_letter GROUP BY status",
                rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }
}
