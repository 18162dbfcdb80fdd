package io.odoopulse.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

class TenantLoaderTest {

    @TempDir
    Path dir;

    private final MockEnvironment environment = new MockEnvironment().withProperty("ACME_ODOO_PASSWORD", "s3cr3t-pw");
    private final TenantLoader loader = new TenantLoader(environment, "0 0/5 * * * ?", 200,
            io.odoopulse.kpi.CardDefinition::ids);

    @Test
    void readsABundleAndTakesTheSecretFromTheEnvironment() throws IOException {
        Path file = write("acme.yaml", """
                id: acme
                name: ACME Retail
                odoo:
                  url: https://acme.odoo.com
                  database: acme-prod
                  login: pulse@acme.com
                  password: ${ACME_ODOO_PASSWORD}
                schedule:
                  cron: "0 0/10 * * * ?"
                pull:
                  page-size: 500
                kpi:
                  timezone: Europe/Amsterdam
                  as-of: 2026-11-22T00:00:00Z
                """);

        Tenant tenant = loader.load(file).orElseThrow();

        assertThat(tenant.id()).isEqualTo("acme");
        assertThat(tenant.odoo().url()).isEqualTo("https://acme.odoo.com");
        assertThat(tenant.odoo().password().value()).isEqualTo("s3cr3t-pw");
        assertThat(tenant.cron()).isEqualTo("0 0/10 * * * ?");
        assertThat(tenant.pull().pageSize()).isEqualTo(500);
        assertThat(tenant.pull().models()).containsExactly("sale.order");
        assertThat(tenant.timezone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(tenant.asOf()).contains(Instant.parse("2026-11-22T00:00:00Z"));
    }

    @Test
    void aBundleWithoutScheduleInheritsTheDefaults() throws IOException {
        Tenant tenant = loader.load(write("b.yaml", minimal("b"))).orElseThrow();

        assertThat(tenant.cron()).isEqualTo("0 0/5 * * * ?");
        assertThat(tenant.pull().pageSize()).isEqualTo(200);
        assertThat(tenant.asOf()).isEmpty();
    }

    @Test
    void theParityAuditRunsEveryTenTicksUnlessTheBundleSaysOtherwiseAndZeroSwitchesItOff() throws IOException {
        assertThat(loader.load(write("b.yaml", minimal("b"))).orElseThrow().pull().auditEvery()).isEqualTo(10);
        assertThat(loader.load(write("c.yaml", minimal("c") + "pull:\n  audit-every: 0\n")).orElseThrow().pull()
                .auditEvery()).isZero();
        Path file = write("d.yaml", minimal("d") + "pull:\n  audit-every: -1\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessage(file + ":8:16: key 'pull.audit-every': -1 is outside 0..1000000");
    }

    @Test
    void theSecretNeverShowsInTheTenantsTextForm() throws IOException {
        Tenant tenant = loader.load(write("acme.yaml", minimal("acme"))).orElseThrow();

        assertThat(tenant.toString()).doesNotContain("s3cr3t-pw");
        assertThat(tenant.odoo().password().redact("login failed for s3cr3t-pw")).isEqualTo("login failed for *****");
    }

    @Test
    void thePushSigningSecretComesFromTheEnvironmentAndNeverShows() throws IOException {
        environment.setProperty("ACME_PUSH_SECRET", "acme-push-secret-0123456789abcdef0123");
        Tenant tenant = loader.load(write("acme.yaml", minimal("acme")
                + "nerve-centre:\n  signing-secret: ${ACME_PUSH_SECRET}\n")).orElseThrow();

        assertThat(tenant.signingSecret().value()).isEqualTo("acme-push-secret-0123456789abcdef0123");
        assertThat(tenant.toString()).doesNotContain("acme-push-secret");
        assertThat(loader.load(write("b.yaml", minimal("b"))).orElseThrow().signingSecret().isPresent())
                .as("no secret: pushes unsigned").isFalse();
    }

    @Test
    void aPushSigningSecretShorterThan32CharactersIsRefusedNamingFileAndKeyButNotTheSecret() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "nerve-centre:\n  signing-secret: short-secret\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessage(file + ":8:19: key 'nerve-centre.signing-secret': at least 32 characters are needed (it has 12)")
                .message().asString().doesNotContain("short-secret");
    }

    @Test
    void aDisabledBundleIsSkipped() throws IOException {
        assertThat(loader.load(write("off.yaml", "enabled: false\n" + minimal("off")))).isEmpty();
    }

    @Test
    void aMissingKeyIsNamedWithTheFile() throws IOException {
        Path file = write("acme.yaml", minimal("acme").replace("  database: db\n", ""));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessage(file + ":2:1: missing required key 'odoo.database'");
    }

    @Test
    void aMisspelledKeyIsNamedWithFileAndLine() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "pull:\n  pagesize: 10\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessageStartingWith(file + ":8:3: unknown key 'pagesize' in 'pull' (allowed: ")
                .hasMessageContaining("pagesize");
    }

    @Test
    void anUnsetEnvironmentVariableIsNamedButNoValueIsShown() throws IOException {
        Path file = write("acme.yaml", minimal("acme").replace("${ACME_ODOO_PASSWORD}", "${OTHER_PASSWORD}"));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessageStartingWith(file + ":6:13: key 'odoo.password':")
                .hasMessageContaining("OTHER_PASSWORD");
    }

    @Test
    void placeholdersInCommentsAreLeftAlone() throws IOException {
        Path file = write("acme.yaml", "# passwords come from ${SOME_VARIABLE}\n" + minimal("acme"));

        assertThat(loader.load(file)).isPresent();
    }

    @Test
    void anErrorInOneValueNeverQuotesTheOthers() throws IOException {
        Path file = write("acme.yaml", minimal("acme").replace("${ACME_ODOO_PASSWORD}", "literal-secret")
                + "schedule:\n  cron: ${MISSING_CRON}\n");

        assertThatThrownBy(() -> loader.load(file)).message().doesNotContain("literal-secret");
    }

    @Test
    void thePasswordCanComeFromAFileBesideTheBundle() throws IOException {
        Files.writeString(dir.resolve("acme.secret"), "from-file\n");
        Path file = write("acme.yaml", minimal("acme").replace("password: ${ACME_ODOO_PASSWORD}",
                "password-file: acme.secret"));

        assertThat(loader.load(file).orElseThrow().odoo().password().value()).isEqualTo("from-file");
    }

    @Test
    void anUnknownTimeZoneIsRejected() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "kpi:\n  timezone: Mars/Olympus\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":8:13: key 'kpi.timezone': unknown time zone 'Mars/Olympus' (an IANA zone such as "
                        + "Europe/Amsterdam)");
    }

    @Test
    void kpiSettingsAreReadWithDefaultsForWhatIsLeftOut() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "kpi:\n  reporting-currency: EUR\n  churn-days: 30\n"
                + "  sentiment:\n    revenue: { positive: 10, negative: -20 }\n");

        KpiSettings kpi = loader.load(file).orElseThrow().kpi();

        assertThat(kpi.reportingCurrency()).contains("EUR");
        assertThat(kpi.churnDays()).isEqualTo(30);
        assertThat(kpi.slowMoverDays()).isEqualTo(KpiSettings.DEFAULT_SLOW_MOVER_DAYS);
        assertThat(kpi.lowStockThreshold()).isEqualByComparingTo(KpiSettings.DEFAULT_LOW_STOCK);
        assertThat(kpi.sentiment().get("revenue").negative()).isEqualByComparingTo("-20");
    }

    @Test
    void aSentimentLevelForAnUnknownCardIsNamedWithFileAndKey() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "kpi:\n  sentiment:\n    revenu: { positive: 1 }\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessageStartingWith(file + ":9:5: key 'kpi.sentiment.revenu': no card 'revenu'");
    }

    @Test
    void aCardsAlertTriggerAndTheMissingDataLimitAreRead() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "kpi:\n  missing-data-after: 90m\n"
                + "  sentiment:\n    revenue: { alert-drop: 25 }\n");

        KpiSettings kpi = loader.load(file).orElseThrow().kpi();

        assertThat(kpi.missingDataAfter()).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(kpi.sentiment().get("revenue").alertDrop()).isEqualByComparingTo("25");
        assertThat(loader.load(write("other.yaml", minimal("other"))).orElseThrow().kpi().missingDataAfter())
                .isEqualTo(KpiSettings.DEFAULT_MISSING_DATA_AFTER);
    }

    @Test
    void aMissingDataLimitThatIsNotADurationIsNamedWithFileAndKey() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "kpi:\n  missing-data-after: soon\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(TenantConfigException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: key 'kpi.missing-data-after': 'soon' is not a duration.*");
    }

    @Test
    void aNegativeLowStockThresholdIsRejected() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "kpi:\n  low-stock-threshold: -1\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":8:24: key 'kpi.low-stock-threshold': -1 must not be negative");
    }

    @Test
    void aBundleMayCapTheSizeOfItsOdoosAnswers() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "  max-response-size: 16MB\n");

        assertThat(loader.load(file).orElseThrow().odoo().maxResponseSize()).contains(DataSize.ofMegabytes(16));
    }

    @Test
    void withoutItsOwnCapABundleLeavesItToTheDefault() throws IOException {
        assertThat(loader.load(write("acme.yaml", minimal("acme"))).orElseThrow().odoo().maxResponseSize()).isEmpty();
    }

    @Test
    void aResponseSizeThatIsNotASizeIsNamedWithFileAndLine() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "  max-response-size: lots\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessage(file + ":7:22: key 'odoo.max-response-size': 'lots' is not a size such as 64MB or 512KB");
    }

    @Test
    void aResponseSizeOutsideItsRangeIsNamedWithFileAndLine() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "  max-response-size: 2GB\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessage(file + ":7:22: key 'odoo.max-response-size': '2GB' is outside 1KB..1GB");
    }

    @Test
    void twoBundlesWithOneIdAreRejected() throws IOException {
        write("a.yaml", minimal("shop"));
        Path second = write("b.yaml", minimal("shop"));

        assertThatThrownBy(() -> TenantRegistry.load(dir, loader))
                .hasMessageContaining(second + ": tenant id 'shop' is already used by " + dir.resolve("a.yaml"));
    }

    @Test
    void aSuddenDropIsWithheldBeyondTenPercentOrAThousandRowsAndAppliedAfterThreeRecurrencesByDefault()
            throws IOException {
        Tenant.Pull pull = loader.load(write("b.yaml", minimal("b"))).orElseThrow().pull();

        assertThat(pull.reconcileMaxDropShare()).isEqualTo(0.1);
        assertThat(pull.reconcileMaxDropRows()).isEqualTo(1000);
        assertThat(pull.reconcileConfirmAfter()).isEqualTo(3);
    }

    @Test
    void aDropShareBeyondOneIsNamedWithFileAndKey() throws IOException {
        Path file = write("acme.yaml", minimal("acme") + "pull:\n  reconcile-max-drop-share: 10\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(TenantConfigException.class)
                .hasMessageStartingWith(file + ":8:29: key 'pull.reconcile-max-drop-share': 10 is outside 0..1");
    }

    /** The schema gives the defaults; the Java shortcuts tests build tenants with must say the same. */
    @Test
    void aBundleWithoutOptionalKeysGetsTheSchemasDefaultsWhichTheJavaShortcutsRepeat() throws IOException {
        Tenant tenant = loader.load(write("plain.yaml", minimal("plain"))).orElseThrow();

        assertThat(tenant.pull()).isEqualTo(Tenant.Pull.defaults(200, List.of("sale.order")));
        assertThat(tenant.kpi()).isEqualTo(KpiSettings.defaults());
        assertThat(tenant.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(tenant.odoo().transport()).isEqualTo(Tenant.OdooConnection.AUTO);
    }

    private static String minimal(String id) {
        return """
                id: %s
                odoo:
                  url: http://127.0.0.1:8069
                  database: db
                  login: admin
                  password: ${ACME_ODOO_PASSWORD}
                """.formatted(id);
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }
}
