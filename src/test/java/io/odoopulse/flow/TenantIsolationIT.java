package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.odoopulse.deadletter.DeadLetter;
import io.odoopulse.deadletter.DeadLetterStore;
import io.odoopulse.demo.SnapshotInbox;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A tenant whose Odoo refuses its credentials, or lacks a field its mapping reads, gets one clear dead letter
 * naming it, is not retried in a loop, and does not stop the other tenants.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=tenant-isolation",
        "spring.datasource.url=jdbc:h2:mem:tenant-isolation;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.tenants.dir=src/test/resources/tenants-isolation",
        "pulse.demo.odoo.orders=100"})
@DirtiesContext
class TenantIsolationIT {

    @Autowired
    SnapshotInbox inbox;
    @Autowired
    DeadLetterStore deadLetters;

    @BeforeEach
    void theGoodTenantPulledTwiceWhileTheOthersFailed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.all("good").size() >= 2
                && letters("badpw").size() == 1 && letters("schema").size() == 1
                && letters("badpw").get(0).attempts() >= 2);
    }

    @Test
    void refusedCredentialsAreOneDeadLetterNamingTheTenantWithoutThePassword() {
        DeadLetter letter = letters("badpw").get(0);

        assertThat(letter.causeType()).isEqualTo("io.odoopulse.odoo.OdooException");
        assertThat(letter.causeMessage()).contains("AccessDenied", "login 'admin' was refused")
                .doesNotContain("not-the-password");
        assertThat(letter.routeId()).isEqualTo("pull-model");
        assertThat(letter.model()).isEqualTo("sale.order");
    }

    @Test
    void aFieldTheMappingNeedsButOdooLacksNamesModelFieldTenantAndMappingFile() {
        assertThat(letters("schema").get(0).causeMessage()).contains("tenant schema", "x_sales_channel",
                "sale.order", "schema-channel.yaml");
    }

    @Test
    void theOtherTenantsKeepPulling() {
        assertThat(inbox.latest("good")).isPresent();
        assertThat(inbox.latest("badpw")).isEmpty();
    }

    private List<DeadLetter> letters(String tenant) {
        return deadLetters.list(Optional.of(DeadLetter.Status.OPEN), Optional.of(tenant));
    }
}
