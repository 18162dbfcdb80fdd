package io.odoopulse.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.MappingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pull leaves unread, as the card sections that need it are told (CardAvailability): a field a tenant's
 * mapping override takes out, a field of an app not installed, a field Odoo hides from the user's group.
 */
class UnreadFieldTest {

    @TempDir
    Path dir;

    private static OdooConnections.Connection connection(MappingFile mapping, Set<String> absent) {
        return new OdooConnections.Connection(null, null, null, mapping, Map.of(), Map.of(), absent, List.of());
    }

    @Test
    void aFieldTheTenantsOverrideTakesOutIsUnreadAndSaysWhichMappingLeftItOut() throws IOException {
        Path override = dir.resolve("no-invoice-status.yaml");
        Files.writeString(override, """
                models:
                  sale.order:
                    fields:
                      invoiceStatus: ~
                """);
        MappingFile mapping = MappingCatalog.load(Path.of("mappings")).forTenant(Optional.of(override), "17.0");

        OdooConnections.Connection connection = connection(mapping, Set.of());

        assertThat(connection.unread("sale.order", "invoiceStatus")).startsWith("the mapping ")
                .endsWith(" does not map invoiceStatus of sale.order");
        assertThat(connection.unread("sale.order", "amountTotal")).isNull();
    }

    @Test
    void aFieldHiddenFromTheUsersGroupIsUnreadAndNamesTheGroup() {
        MappingFile mapping = MappingCatalog.load(Path.of("mappings")).forTenant(Optional.empty(), "17.0");

        OdooConnections.Connection connection = connection(mapping, Set.of("stock.quant.value"));

        assertThat(connection.unread("stock.quant", "stockValue")).isEqualTo("the integration user may not read "
                + "stock.quant.value (group Inventory / Administrator (stock.group_stock_manager))");
        assertThat(connection.readableFields("stock.quant")).doesNotContain("value").contains("quantity");
    }

    @Test
    void aFieldOfAnAppNotInstalledIsUnreadAndSaysSo() {
        MappingFile mapping = MappingCatalog.load(Path.of("mappings")).forTenant(Optional.empty(), "17.0");

        OdooConnections.Connection connection = connection(mapping, Set.of("product.product.is_published"));

        assertThat(connection.unread("product.product", "published"))
                .isEqualTo("product.product.is_published is not there: its app is not installed");
    }
}
