package io.odoopulse.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The access checks of the integration user, as the probe prints them and every push carries them: credential,
 * version in scope, read access to the five models behind the cards, edition.
 */
class AccessChecksTest {

    private final OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo()
            .withGenerated(3, 100, Instant.parse("2026-11-22T00:00:00Z")));

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void anAdministratorPassesEveryCheckOnACommunityOdoo17() {
        List<AccessChecks.Check> checks = AccessChecks.run(client("admin", odoo.settings().password()));

        assertThat(checks).extracting(AccessChecks.Check::check).containsExactly("credential", "version",
                "read:sale.order", "read:account.move", "read:product.product", "read:res.partner",
                "read:stock.quant", "edition");
        assertThat(checks).allMatch(AccessChecks.Check::ok);
        assertThat(checks.get(1).detail()).startsWith("17.0");
        assertThat(checks.get(7).detail()).isEqualTo("Community");
    }

    @Test
    void aUserWithoutSalesRightsFailsTheReadChecksOfSalesAndInvoicesOnly() {
        Map<String, Boolean> ok = new java.util.LinkedHashMap<>();
        AccessChecks.run(client("contract_nosales", "nosales-17")).forEach(c -> ok.put(c.check(), c.ok()));

        assertThat(ok).containsEntry("credential", true).containsEntry("read:sale.order", false)
                .containsEntry("read:account.move", false).containsEntry("read:product.product", true)
                .containsEntry("read:res.partner", true);
    }

    @Test
    void aRefusedCredentialIsOneFailedCheckThatDoesNotRepeatThePassword() {
        List<AccessChecks.Check> checks = AccessChecks.run(client("admin", "Wr0ng-s3cret"));

        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).check()).isEqualTo("credential");
        assertThat(checks.get(0).ok()).isFalse();
        assertThat(checks.get(0).detail()).doesNotContain("Wr0ng-s3cret");
    }

    @Test
    void aVersionOutsideSixteenToNineteenFailsTheVersionCheck() {
        assertThat(AccessChecks.version(new ServerVersion("15.0", 15, "Community")).ok()).isFalse();
        assertThat(AccessChecks.version(new ServerVersion("saas~19.2", 19, "Enterprise")).ok()).isTrue();
    }

    @Test
    void theProbePrintsTheChecks() {
        OdooProbe.Report report = OdooProbe.forTenant(new Tenant("probe", "Probe", new Tenant.OdooConnection(
                odoo.url(), odoo.settings().db(), "admin", new Secret(odoo.settings().password())), "0 * * * * ?",
                Tenant.Pull.defaults(100, List.of("sale.order")), ZoneId.of("UTC"), Optional.empty(),
                Path.of("probe.yaml")));

        assertThat(report.renderAccess()).contains("ok   credential", "ok   read:stock.quant", "ok   edition",
                "Community");
    }

    private OdooClient client(String login, String password) {
        return new OdooClient("access", OdooClient.transport("jsonrpc", new Tenant.OdooConnection(odoo.url(),
                odoo.settings().db(), login, new Secret(password)), OdooClient.defaultHttpClient(),
                Duration.ofSeconds(30)), RetryPolicy.DEFAULT, 1, wait -> { });
    }
}
