package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.odoopulse.demo.DemoOdoo;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A record that can be neither stored nor dead-lettered is never skipped: while the database refuses dead-letter
 * writes (a constraint the test adds before the first tick and drops later), the page holding such a record is not
 * committed and the pull stops there; once writes work again, the next tick stores every record and dead-letters the
 * unmappable ones, nothing missing. The mapping used here does not know Odoo's state "sent".
 */
@CamelSpringBootTest
@SpringBootTest(properties = {
        "camel.main.name=dead-letter-write-failure",
        "spring.datasource.url=jdbc:h2:mem:dead-letter-write-failure;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.mappings.dir=src/test/resources/mappings-without-sent",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=600",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z"})
@DirtiesContext
class DeadLetterWriteFailureIT {

    private static final String REFUSE = "ALTER TABLE dead_letter ADD CONSTRAINT refuse_dead_letters CHECK (id < 0)";

    @TestConfiguration
    static class RefuseDeadLettersFromTheStart {
        @Bean
        FlywayMigrationStrategy migrateThenRefuseDeadLetters() {
            return flyway -> {
                flyway.migrate();
                new JdbcTemplate(flyway.getConfiguration().getDataSource()).execute(REFUSE);
            };
        }
    }

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRecordThatCannotBeDeadLetteredHoldsItsPageBackUntilItCanBe() {
        List<Map<String, Object>> orders = demoOdoo.simulator().database().records("sale.order");
        Set<String> sent = new HashSet<>();
        Set<String> mappable = new HashSet<>();
        orders.forEach(o -> ("sent".equals(o.get("state")) ? sent : mappable).add(String.valueOf(o.get("id"))));
        assertThat(sent).as("the demo data has quotations sent").isNotEmpty();

        // Several ticks while dead letters are refused: the pull of sale.order stops at the first page holding a
        // quotation sent, every tick again, and never moves its checkpoint past it.
        await().atMost(Duration.ofSeconds(60)).until(() -> ticks() >= 3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
        assertThat(storedOrders()).as("orders stored while a page is held back").hasSizeLessThan(mappable.size());
        assertThat(jdbc.queryForList("SELECT status FROM tenant_tick WHERE tenant = 'demo'", String.class))
                .as("ticks that could not dead-letter a record are failed, not done").contains("FAILED");

        jdbc.execute("ALTER TABLE dead_letter DROP CONSTRAINT refuse_dead_letters");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(storedOrders()).as("every order Odoo has").isEqualTo(mappable);
            assertThat(new HashSet<>(jdbc.queryForList("SELECT record_id FROM dead_letter WHERE model = 'sale.order'",
                    String.class))).as("every quotation sent, dead-lettered").isEqualTo(sent);
        });
    }

    private int ticks() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tenant_tick WHERE tenant = 'demo' AND status <> 'RUNNING'",
                Integer.class);
    }

    private Set<String> storedOrders() {
        return new HashSet<>(jdbc.queryForList("SELECT CAST(source_id AS VARCHAR) FROM canonical_order "
                + "WHERE tenant = 'demo'", String.class));
    }
}
