package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.simulator.OdooDatabase;
import io.odoopulse.notice.Notice;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.support.TenantTicks;
import io.odoopulse.support.TestAccounts;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With confirm-after 0 a withheld drop never applies itself however often it recurs: an operator's confirmation of
 * its notice (POST /api/notices/{id}/confirm), recorded in the database, applies it at the next pass.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=sudden-drop-confirmation",
        "spring.datasource.url=jdbc:h2:mem:sudden-drop-confirmation;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=300",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z",
        "pulse.demo.reconcile-every=1",
        "pulse.demo.reconcile-confirm-after=0"})
@DirtiesContext
class SuddenDropConfirmationIT {

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NoticeStore notices;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TestRestTemplate http;

    @Test
    void anOperatorsConfirmationAppliesTheWithheldDropAtTheNextPass() {
        OdooDatabase odoo = demoOdoo.simulator().database();
        await().atMost(Duration.ofSeconds(90)).until(() -> doneTicks() >= 1);
        List<Integer> gone = odoo.records("sale.order").stream().map(r -> ((Number) r.get("id")).intValue())
                .sorted().toList().subList(100, 160);

        odoo.unlink("sale.order", gone);

        await().atMost(Duration.ofSeconds(30)).until(() -> openNotice().isPresent());
        int ticks = doneTicks();
        await().atMost(Duration.ofSeconds(30)).until(() -> doneTicks() >= ticks + 3);
        assertThat(live(gone)).as("recurring passes alone never apply it").isEqualTo(60);
        assertThat(withheldGauge()).isEqualTo(60.0);

        long id = openNotice().orElseThrow().id();
        var answer = operator().postForEntity("/api/notices/{id}/confirm", null, Map.class, id);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForObject("SELECT confirmed_at FROM operator_notice WHERE id = ?", Object.class, id))
                .as("the confirmation is recorded").isNotNull();
        assertThat(jdbc.queryForList("SELECT actor, outcome FROM operator_action WHERE action = 'confirm-notice' "
                + "AND selection = ?", "notice " + id))
                .as("and audited: who confirmed, with what outcome").singleElement()
                .satisfies(row -> assertThat(row.values()).containsExactly(TestAccounts.OPERATOR, "confirmed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> live(gone) == 0);
        assertThat(openNotice()).isEmpty();
        assertThat(withheldGauge()).isZero();
        assertThat(operator().postForEntity("/api/notices/{id}/confirm", null, Map.class, id).getStatusCode())
                .as("a resolved notice is not confirmed again").isEqualTo(HttpStatus.CONFLICT);
    }

    private Optional<Notice> openNotice() {
        return WithheldDrop.openNotice(notices);
    }

    private double withheldGauge() {
        return WithheldDrop.gauge(meters);
    }

    private int live(List<Integer> ids) {
        return WithheldDrop.live(jdbc, ids);
    }

    private int doneTicks() {
        return TenantTicks.done(jdbc, "demo");
    }

    /** The API as an operator calls it (HTTP basic; the test accounts are in src/test/resources/config). */
    private TestRestTemplate operator() {
        return http.withBasicAuth(io.odoopulse.support.TestAccounts.OPERATOR,
                io.odoopulse.support.TestAccounts.OPERATOR_PASSWORD);
    }
}
