package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.odoopulse.deadletter.DeadLetter;
import io.odoopulse.deadletter.DeadLetterStore;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/** A snapshot the Nerve Centre does not take is retried, then kept in the dead-letter store, token-free. */
@CamelSpringBootTest
@SpringBootTest(properties = {
        "camel.main.name=push-failure",
        "spring.datasource.url=jdbc:h2:mem:push-failure;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=50",
        "pulse.nerve-centre.url=http://127.0.0.1:9/nerve-centre/api/snapshots",
        "pulse.nerve-centre.token=super-secret-token",
        "pulse.retry.maximum-redeliveries=1",
        "pulse.retry.initial-delay-ms=10"})
@DirtiesContext
class PushFailureIT {

    @Autowired
    DeadLetterStore deadLetters;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void anUnreachableNerveCentreDeadLettersTheSnapshotWithItsCause() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !pushLetters().isEmpty());

        DeadLetter letter = pushLetters().get(0);
        assertThat(letter.tenant()).isEqualTo("demo");
        assertThat(letter.payload()).contains("\"cards\"", "\"revenue\"");
        assertThat(letter.causeType()).containsIgnoringCase("connect");
        assertThat(letter.toString()).doesNotContain("super-secret-token");
    }

    @Test
    void aSnapshotThatWasNotDeliveredIsRememberedSoItsAlertsAreCarriedIntoTheNext() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !pushLetters().isEmpty());

        assertThat(jdbc.queryForObject("SELECT delivered FROM kpi_snapshot WHERE tenant = 'demo'", Boolean.class))
                .isFalse();
    }

    @Test
    void aTickWhosePushWasDeadLetteredIsDoneAndTheNextTickRuns() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM tenant_tick "
                + "WHERE tenant = 'demo' AND status = 'DONE' AND delivered_at IS NULL", Integer.class) >= 2);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tenant_tick WHERE tenant = 'demo' AND status = 'RUNNING'",
                Integer.class)).as("ticks left running").isLessThanOrEqualTo(1);
    }

    @Test
    void aSnapshotThatWasNotDeliveredCountsAsThePushFailureOfItsTenant() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !pushLetters().isEmpty());

        assertThat(meters.get("pulse.push.failures").tag("tenant", "demo").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("pulse.push.duration").tag("tenant", "demo").timer().count()).isZero();
    }

    private List<DeadLetter> pushLetters() {
        return deadLetters.list(Optional.empty(), Optional.empty()).stream()
                .filter(l -> "kpi-push".equals(l.routeId())).toList();
    }
}
