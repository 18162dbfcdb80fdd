package io.odoopulse.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantLoader;
import io.odoopulse.tenant.TenantRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** At start, each bundle is valid or rejected alone: a bad one no longer stops every tenant. */
class BundlesAtStartTest {

    @TempDir
    Path dir;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final BundleStatus status = new BundleStatus(meters);

    private TenantRegistry load() {
        return new LiveBundles(dir, new TenantLoader(new MockEnvironment(), "0/20 * * * * ?", 100, Set::of),
                MappingCatalog.load(Path.of("mappings"))::validateOverrides, status, Clock.systemUTC()).loadAtStart();
    }

    private void bundle(String file, String id, String more) throws Exception {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.writeString(dir.resolve(file), """
                id: %s
                odoo: { url: "http://127.0.0.1:1", database: db, login: bot, password: secret }
                """.formatted(id) + more);
    }

    @Test
    void aBadBundleIsRejectedWithFileLineAndKeyWhileTheOthersLoad() throws Exception {
        bundle("acme.yaml", "acme", "");
        bundle("typo.yaml", "typo", "pull:\n  page-sise: 5\n");
        bundle("shop/tenant.yaml", "shop", "mapping-overrides: mapping.yaml\n");
        Files.writeString(dir.resolve("shop/mapping.yaml"), "models:\n  sale.order:\n    fields:\n"
                + "      channel: { from: x_studio_channel }\n");

        TenantRegistry tenants = load();

        assertThat(tenants.all()).extracting(Tenant::id).containsExactlyInAnyOrder("acme", "shop");
        assertThat(status.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.bundle()).isEqualTo("typo.yaml");
            assertThat(problem.error()).contains("typo.yaml:4:", "page-sise");
            assertThat(problem.runningTenant()).isEmpty();
        });
        assertThat(meters.get("pulse.bundle.invalid").tag("bundle", "typo.yaml").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aMappingOverrideThatCannotBeMergedRejectsItsBundle() throws Exception {
        bundle("shop/tenant.yaml", "shop", "mapping-overrides: mapping.yaml\n");
        Files.writeString(dir.resolve("shop/mapping.yaml"), "models:\n  sale.order:\n    fields:\n"
                + "      chanel: { from: x_studio_channel }\n");

        assertThat(load().all()).isEmpty();
        assertThat(status.problem("shop/tenant.yaml")).hasValueSatisfying(problem -> assertThat(problem.error())
                .contains("mapping.yaml", "chanel"));
    }

    @Test
    void aSecondBundleWithTheSameIdIsRejectedNamingBothFiles() throws Exception {
        bundle("acme.yaml", "acme", "");
        bundle("acme-copy.yaml", "acme", "");

        assertThat(load().all()).extracting(Tenant::id).containsExactly("acme");
        assertThat(status.problems()).singleElement().satisfies(problem -> assertThat(problem.error())
                .contains("acme-copy.yaml", "acme.yaml", "already used"));
    }
}
