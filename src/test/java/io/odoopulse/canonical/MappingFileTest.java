package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.odoopulse.support.RecordedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingFileTest {

    @TempDir
    Path dir;

    private static ModelMapping saleOrder17() {
        return MappingLoader.load(Path.of("mappings/odoo-17.yaml")).forModel("sale.order");
    }

    @Test
    void mapsARecordedOdoo17SaleOrderFieldByField() {
        // S00001 as exported from the real Odoo 17 database.
        Map<String, Object> source = RecordedDataset.record("17.0", "sale.order", 1);

        Order order = (Order) saleOrder17().map("acme", "odoo", "17.0", source);

        assertThat(order.tenant()).isEqualTo("acme");
        assertThat(order.sourceSystem()).isEqualTo("odoo");
        assertThat(order.sourceModel()).isEqualTo("sale.order");
        assertThat(order.sourceId()).isEqualTo(1L);
        assertThat(order.sourceVersion()).isEqualTo("17.0");
        assertThat(order.name()).isEqualTo("S00001");
        assertThat(order.orderedAt()).isEqualTo(Instant.parse("2026-10-24T19:27:00Z"));
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.companyId()).isEqualTo(1L);
        assertThat(order.company()).isEqualTo("My Company (San Francisco)");
        assertThat(order.customerId()).isEqualTo(10L);
        assertThat(order.amountUntaxed()).isEqualByComparingTo("1740.00");
        assertThat(order.amountTax()).isEqualByComparingTo("261.00");
        assertThat(order.amountTotal()).isEqualByComparingTo("2001.00");
        assertThat(order.updatedAt()).isEqualTo(Instant.parse(
                ((String) source.get("write_date")).replace(' ', 'T') + "Z"));
    }

    @Test
    void mapsOdooStatesOntoCanonicalStatuses() {
        Map<String, Object> source = new HashMap<>(RecordedDataset.record("17.0", "sale.order", 1));
        Map<String, OrderStatus> expected = Map.of("draft", OrderStatus.DRAFT, "sent", OrderStatus.DRAFT,
                "sale", OrderStatus.CONFIRMED, "cancel", OrderStatus.CANCELLED);
        expected.forEach((state, status) -> {
            source.put("state", state);
            assertThat(((Order) saleOrder17().map("t", "odoo", "17.0", source)).status()).isEqualTo(status);
        });
    }

    @Test
    void keepsMonetaryAmountsExact() {
        Map<String, Object> source = new HashMap<>(RecordedDataset.record("17.0", "sale.order", 1));
        source.put("amount_total", new BigDecimal("0.10"));
        assertThat(((Order) saleOrder17().map("t", "odoo", "17.0", source)).amountTotal())
                .isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void oneRecordUnknownStateIsUnmappableAndNamesModelIdFieldAndFile() {
        Map<String, Object> source = new HashMap<>(RecordedDataset.record("17.0", "sale.order", 1));
        source.put("state", "on_hold");

        assertThatThrownBy(() -> saleOrder17().map("t", "odoo", "17.0", source))
                .isInstanceOf(UnmappableRecordException.class)
                .hasMessageContaining("sale.order id 1")
                .hasMessageContaining("'state'")
                .hasMessageContaining("on_hold")
                .hasMessageContaining("mappings/odoo-17.yaml");
    }

    @Test
    void aRequiredFieldThatOdooReturnsAsFalseIsUnmappable() {
        Map<String, Object> source = new HashMap<>(RecordedDataset.record("17.0", "sale.order", 1));
        source.put("currency_id", false);

        assertThatThrownBy(() -> saleOrder17().map("t", "odoo", "17.0", source))
                .isInstanceOf(UnmappableRecordException.class)
                .hasMessageContaining("required field 'currency_id'");
    }

    @Test
    void anOptionalFieldThatOdooReturnsAsFalseBecomesEmpty() {
        Map<String, Object> source = new HashMap<>(RecordedDataset.record("17.0", "sale.order", 1));
        source.put("partner_id", false);

        assertThat(((Order) saleOrder17().map("t", "odoo", "17.0", source)).customerId()).isNull();
    }

    @Test
    void requestsExactlyTheOdooFieldsTheRulesRead() {
        assertThat(saleOrder17().sourceFields()).containsExactly("amount_tax", "amount_total", "amount_untaxed",
                "campaign_id", "company_id", "currency_id", "date_order", "id", "invoice_status", "medium_id", "name",
                "partner_id",
                "source_id", "state", "team_id", "website_id", "write_date");
    }

    @Test
    void everyShippedMappingFileLoads() {
        for (String version : new String[] {"16", "17", "18", "19"}) {
            MappingFile file = MappingLoader.load(Path.of("mappings/odoo-" + version + ".yaml"));
            assertThat(file.version()).isEqualTo(version + ".0");
            assertThat(file.forModel("sale.order").canonicalType()).isEqualTo(Order.class);
        }
    }

    @Test
    void anUnknownCanonicalFieldIsRejectedWithFileLineAndKey() throws IOException {
        Path file = write("""
                source: odoo
                version: "17.0"
                models:
                  sale.order:
                    canonical: Order
                    fields:
                      name: { from: name }
                      totalAmount: { from: amount_total }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file + ":8:7: models.sale.order.fields.totalAmount: unknown canonical field "
                        + "'totalAmount' of Order");
    }

    @Test
    void aValueMapOntoAnUnknownStatusIsRejected() throws IOException {
        Path file = write("""
                source: odoo
                version: "17.0"
                models:
                  sale.order:
                    canonical: Order
                    fields:
                      status: { from: state, map: { sale: shipped } }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining(file + ":7:43: models.sale.order.fields.status.map.sale: 'shipped' is not a "
                        + "OrderStatus value");
    }

    @Test
    void anUnknownFieldTypeIsRejected() throws IOException {
        Path file = write("""
                source: odoo
                version: "17.0"
                models:
                  sale.order:
                    canonical: Order
                    fields:
                      orderedAt: { from: date_order, type: timestamp }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file))
                .hasMessageContaining(file + ":7:44: key 'models.sale.order.fields.orderedAt.type': 'timestamp' is not one of value, "
                        + "many2one-id");
    }

    @Test
    void anUnknownCanonicalTypeIsRejected() throws IOException {
        Path file = write("""
                source: odoo
                version: "17.0"
                models:
                  sale.order:
                    canonical: Purchase
                    fields: {}
                """);

        assertThatThrownBy(() -> MappingLoader.load(file))
                .hasMessageContaining(file + ":5:16: key 'models.sale.order.canonical': 'Purchase' is not one of Company, CreditNote");
    }

    @Test
    void aMisspelledKeyIsRejectedRatherThanIgnored() throws IOException {
        Path file = write("""
                source: odoo
                version: "17.0"
                models:
                  sale.order:
                    canonical: Order
                    fields:
                      name: { form: name }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file))
                .hasMessageContaining(file + ":7:15: unknown key 'form' in 'models.sale.order.fields.name' (allowed: default, from, map, "
                        + "required, type)");
    }

    @Test
    void brokenYamlIsRejectedWithItsLine() throws IOException {
        Path file = write("""
                source: odoo
                version: "17.0"
                models:
                  sale.order:
                    canonical: Order
                    fields:
                      name: { from: name
                """);

        assertThatThrownBy(() -> MappingLoader.load(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file + ":8:1: not valid YAML");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("odoo-17.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
