package io.odoopulse.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import io.odoopulse.kpi.KpiSnapshot;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.springframework.jdbc.core.JdbcTemplate;

/** The tick ledger: what the database decides about a tick, whichever instance asks. */
class TickLedgerTest {

    private static final Instant FIRED = Instant.parse("2026-11-22T10:00:00Z");

    private final TestDatabase.Handle database = TestDatabase.h2();
    private final JdbcTemplate jdbc = database.jdbc();
    private final TickLedger ledger = new TickLedger(jdbc, new TenantRegistry(Map.of()), Clock.systemUTC());
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aTickIsClaimedOnceAndACompletedTickIsNotRunAgain() {
        KpiSnapshot.Tick tick = ledger.begin("acme", fired(FIRED));
        ledger.finish("acme", tick, null);

        assertThat(tick.attempt()).isEqualTo(1);
        assertThat(ledger.begin("acme", fired(FIRED))).isNull();
        assertThat(jdbc.queryForObject("SELECT status FROM tenant_tick WHERE tenant = 'acme'", String.class))
                .isEqualTo("DONE");
    }

    @Test
    void aTickCutShortIsTakenOverAsItsNextAttempt() {
        ledger.begin("acme", fired(FIRED));

        KpiSnapshot.Tick recovered = ledger.begin("acme", recovered(FIRED));

        assertThat(recovered.scheduledAt()).isEqualTo(FIRED);
        assertThat(recovered.attempt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tenant_tick", Integer.class)).isEqualTo(1);
    }

    @Test
    void aSnapshotDeliveredByAnEarlierAttemptIsNotPushedAgain() {
        KpiSnapshot.Tick first = ledger.begin("acme", fired(FIRED));
        assertThat(ledger.notYetDelivered("acme", first)).isTrue();
        ledger.delivered("acme", first);

        KpiSnapshot.Tick again = ledger.begin("acme", recovered(FIRED));

        assertThat(ledger.notYetDelivered("acme", again)).isFalse();
    }

    @Test
    void theTicksOfTwoTenantsAtOneTimeAreTwoTicks() {
        assertThat(ledger.begin("acme", fired(FIRED))).isNotNull();
        assertThat(ledger.begin("globex", fired(FIRED))).isNotNull();
    }

    /** What camel-quartz puts on the exchange of a trigger's firing. */
    private Exchange fired(Instant scheduled) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("scheduledFireTime", Date.from(scheduled));
        exchange.getMessage().setHeader("mergedJobDataMap", new JobDataMap());
        return exchange;
    }

    /** A recovery firing: Quartz's own trigger, the original fire time in the job data. */
    private Exchange recovered(Instant original) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("scheduledFireTime", Date.from(original.plusSeconds(37)));
        JobDataMap data = new JobDataMap();
        data.put(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS,
                String.valueOf(original.toEpochMilli()));
        exchange.getMessage().setHeader("mergedJobDataMap", data);
        return exchange;
    }
}
