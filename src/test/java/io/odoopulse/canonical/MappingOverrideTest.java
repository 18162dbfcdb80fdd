package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.support.RecordedDataset;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** A tenant's mapping-overrides file, merged over its Odoo version's mapping file. */
class MappingOverrideTest {

    @TempDir
    Path dir;

    @Test
    void aCustomSalesChannelFieldFlowsFromTheTenantsOverrideFileToTheStore() throws IOException {
        Files.createDirectories(dir.resolve("mappings"));
        Files.writeString(dir.resolve("mappings/acme.yaml"), """
                # Acme records its sales channel in a custom field of sale.order.
                models:
                  sale.order:
                    fields:
                      channel:
                        from: x_sales_channel
                        default: unknown
                        map: { web: Web shop, store: Retail store }
                """);
        Path bundle = dir.resolve("acme.yaml");
        Files.writeString(bundle, """
                id: acme
                odoo: { url: "http://odoo.invalid", database: acme, login: bot, password: secret }
                mapping-overrides: mappings/acme.yaml
                """);
        Tenant tenant = new TenantLoader(new MockEnvironment(), "0/20 * * * * ?", 100, java.util.Set::of).load(bundle).orElseThrow();
        MappingFile mapping = MappingCatalog.load(Path.of("mappings")).forTenant(tenant.mappingOverrides(), "17.0");

        Map<String, Object> web = new HashMap<>(RecordedDataset.record("17.0", "sale.order", 1));
        web.put("x_sales_channel", "web");
        Map<String, Object> unset = new HashMap<>(RecordedDataset.record("17.0", "sale.order", 2));
        unset.put("x_sales_channel", false);
        assertThat(mapping.forModel("sale.order").sourceFields()).contains("x_sales_channel").doesNotContain("team_id");
        CanonicalStore store = new CanonicalStore(TestDatabase.freshH2());
        store.storeAll(List.of(mapping.forModel("sale.order").map("acme", "odoo", "17.0", web),
                mapping.forModel("sale.order").map("acme", "odoo", "17.0", unset)));

        assertThat(store.all(Order.class, "acme")).extracting(Order::name, Order::channel, Order::amountTotal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("S00001", "Web shop", new java.math.BigDecimal("2001")),
                        org.assertj.core.groups.Tuple.tuple("S00002", "unknown", new java.math.BigDecimal("3389.63")));
        // Every other rule is the version's own.
        assertThat(mapping.forModel("sale.order").targets().get(0).rules().get("status").file())
                .isEqualTo("mappings/odoo-17.yaml");
    }

    @Test
    void withoutOverridesTheTenantGetsTheVersionsFile() {
        MappingCatalog catalog = MappingCatalog.load(Path.of("mappings"));

        assertThat(catalog.forTenant(Optional.empty(), "saas~18.2")).isSameAs(catalog.forServerVersion("18.0"));
    }

    @Test
    void anOverrideMayAddAModelTheVersionDoesNotMap() throws IOException {
        Path overrides = write("""
                models:
                  purchase.order:
                    canonical: Order
                    fields:
                      name: { from: name }
                      status: { from: state, map: { paid: confirmed, done: confirmed, invoiced: confirmed } }
                """);

        MappingFile mapping = MappingCatalog.load(Path.of("mappings")).forTenant(Optional.of(overrides), "19.0");

        assertThat(mapping.forModel("purchase.order").canonicalType()).isEqualTo(Order.class);
        assertThat(mapping.forModel("sale.order").canonicalType()).isEqualTo(Order.class);
    }

    @Test
    void anErrorInTheOverrideFileNamesThatFileAndItsLine() throws IOException {
        Path overrides = write("""
                models:
                  sale.order:
                    fields:
                      channel: { from: x_sales_channel, type: monetary }
                """);

        assertThatThrownBy(() -> MappingCatalog.load(Path.of("mappings")).validateOverrides(overrides))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(overrides + ":4:47: models.sale.order.fields.channel.type: type 'monetary' "
                        + "cannot fill canonical field 'channel' of type String");
    }

    @Test
    void anOverrideFileMayOnlyChangeModels() throws IOException {
        Path overrides = write("""
                version: "18.0"
                models: {}
                """);

        assertThatThrownBy(() -> MappingLoader.load(Path.of("mappings/odoo-17.yaml"), overrides))
                .hasMessageStartingWith(overrides + ":1:1: top level: unknown key 'version' (allowed: [models])");
    }

    @Test
    void aTenantBundleNamingAMissingOverrideFileIsRejected() throws IOException {
        Path bundle = dir.resolve("acme.yaml");
        Files.writeString(bundle, """
                id: acme
                odoo: { url: "http://odoo.invalid", database: acme, login: bot, password: secret }
                mapping-overrides: mappings/missing.yaml
                """);

        assertThatThrownBy(() -> new TenantLoader(new MockEnvironment(), "0/20 * * * * ?", 100, java.util.Set::of).load(bundle))
                .hasMessageContaining("key 'mapping-overrides': cannot read");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("overrides.yaml");
        Files.writeString(file, yaml);
        return file;
    }

}
