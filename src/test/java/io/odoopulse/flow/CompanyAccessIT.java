package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.notice.Notice;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.support.TenantTicks;
import io.odoopulse.support.TestTenants;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The companies the integration user may see change while the connector runs. A company granted later holds
 * orders whose write_dates lie far before the checkpoints: they are loaded in full. A company taken away neither
 * makes the pulls fail nor is reconciled away: its orders stay in the store and operators get one notice, resolved
 * once access is given back; afterwards the store equals Odoo.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=company-access",
        "spring.datasource.url=jdbc:h2:mem:company-access;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false"})
@DirtiesContext
class CompanyAccessIT {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static OdooSimulator odoo;
    private static List<Integer> allCompanies;
    private static int withheld;

    @DynamicPropertySource
    static void odooWhoseUserCannotSeeOneCompanyYet(DynamicPropertyRegistry properties) throws Exception {
        odoo = OdooSimulator.start(SimulatorSettings.demo().withGenerated(4242, 400, AS_OF));
        allCompanies = odoo.database().records("res.company").stream().map(c -> ((Number) c.get("id")).intValue())
                .toList();
        withheld = odoo.database().records("sale.order").stream()
                .map(o -> ((Number) ((List<?>) o.get("company_id")).get(0)).intValue())
                .filter(company -> company != allCompanies.get(0)).findFirst().orElseThrow();
        odoo.setUserCompanies(odoo.settings().login(), without(withheld));
        Path tenants = Files.createTempDirectory("company-access");
        TestTenants.bundle(tenants, "shop", odoo.url(), odoo.settings().db(), "0/2 * * * * ?", """
                pull:
                  page-size: 100
                  models: [res.company, res.currency.rate, sale.order]
                  reconcile-every: 1
                kpi:
                  as-of: %s
                """.formatted(AS_OF));
        properties.add("pulse.tenants.dir", tenants::toString);
    }

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NoticeStore notices;

    @Test
    void aCompanyGrantedIsLoadedInFullAndOneTakenAwayIsKeptReportedAndFollowedAgainWhenGivenBack() {
        await().atMost(Duration.ofSeconds(60)).until(() -> doneTicks() >= 1);
        assertThat(storedOrders(withheld)).as("orders of a company the user may not see").isEmpty();

        odoo.setUserCompanies(odoo.settings().login(), allCompanies);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(storedOrders(withheld))
                .as("the granted company's orders, all older than the checkpoint").isEqualTo(odooOrders(withheld)));

        odoo.setUserCompanies(odoo.settings().login(), without(withheld));
        int ticks = doneTicks();
        await().atMost(Duration.ofSeconds(60)).until(() -> doneTicks() >= ticks + 3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE tenant = 'shop'", Integer.class))
                .as("pulls failing on the company taken away").isZero();
        assertThat(storedOrders(withheld)).as("its orders, kept though reconciliation ran")
                .isEqualTo(odooOrders(withheld));
        assertThat(notices.list(Optional.of(Notice.Status.OPEN), Optional.of("shop"))).singleElement()
                .satisfies(notice -> assertThat(notice.message()).contains("company [" + withheld + "]"));

        odoo.setUserCompanies(odoo.settings().login(), allCompanies);
        await().atMost(Duration.ofSeconds(60)).until(() -> notices.list(Optional.of(Notice.Status.OPEN),
                Optional.of("shop")).isEmpty());
        for (int company : allCompanies) {
            assertThat(storedOrders(company)).as("company %d", company).isEqualTo(odooOrders(company));
        }
    }

    private static List<Integer> without(int company) {
        return allCompanies.stream().filter(c -> c != company).toList();
    }

    private int doneTicks() {
        return TenantTicks.done(jdbc, "shop");
    }

    private Set<Long> storedOrders(int company) {
        return new HashSet<>(jdbc.queryForList("SELECT source_id FROM canonical_order WHERE tenant = 'shop' "
                + "AND company_id = ? AND deleted_at IS NULL", Long.class, company));
    }

    private static Set<Long> odooOrders(int company) {
        Set<Long> ids = new HashSet<>();
        odoo.database().records("sale.order").stream()
                .filter(o -> ((Number) ((List<?>) o.get("company_id")).get(0)).intValue() == company)
                .forEach(o -> ids.add(((Number) o.get("id")).longValue()));
        return ids;
    }
}
