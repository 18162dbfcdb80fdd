package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each field kind and each validation error of the mapping engine, on small hand-written mapping files. */
class MappingEngineTest {

    @TempDir
    Path dir;

    private static final String HEADER = """
            source: odoo
            version: "17.0"
            models:
            """;

    @Test
    void readsScalarsMany2onesSelectionsDatesMonetaryCountsPresenceAndCustomFields() throws IOException {
        load("""
                  sale.order.line:
                    canonical: OrderLine
                    fields:
                      sequence:        { from: sequence }
                      orderId:         { from: order_id, type: many2one-id }
                      orderName:       { from: order_id, type: many2one-name }
                      kind:            { from: display_type, default: product, map: { line_note: note } }
                      unitPrice:       { from: price_unit, type: monetary }
                      quantity:        { from: product_uom_qty }
                      description:     { from: x_engraving }
                      updatedAt:       { from: write_date, type: datetime }
                  account.move:
                    canonical: Invoice
                    fields:
                      invoiceDate:     { from: invoice_date, type: date }
                      amountTotal:     { from: amount_total, type: monetary }
                      updatedAt:       { from: write_date, type: datetime }
                  product.product:
                    canonical: Product
                    fields:
                      hasImage:        { from: image_128, type: present }
                      hasDescription:  { from: description_sale, type: present }
                      stockable:       { from: detailed_type, map: { product: "true", consu: "false" } }
                  res.company:
                    canonical: Customer
                    fields:
                      salesCount:      { from: child_ids, type: count }
                """);
        MappingFile file = MappingLoader.load(dir.resolve("odoo-17.yaml"));

        OrderLine line = (OrderLine) file.forModel("sale.order.line").map("t", "odoo", "17.0", Map.of("id", 5,
                "sequence", 10, "order_id", List.of(7, "S00007"), "display_type", false,
                "price_unit", new BigDecimal("37.54000000000002"), "product_uom_qty", 2.5,
                "x_engraving", "For Ada", "write_date", "2026-11-24 19:28:48"));
        assertThat(line.sequence()).isEqualTo(10);
        assertThat(line.orderId()).isEqualTo(7L);
        assertThat(line.orderName()).isEqualTo("S00007");
        assertThat(line.kind()).as("default when Odoo says false").isEqualTo(LineKind.PRODUCT);
        assertThat(line.unitPrice()).as("float noise beyond 15 digits dropped").isEqualByComparingTo("37.54");
        assertThat(line.quantity()).isEqualByComparingTo("2.5");
        assertThat(line.description()).as("custom x_ field").isEqualTo("For Ada");
        assertThat(line.updatedAt()).isEqualTo(Instant.parse("2026-11-24T19:28:48Z"));
        assertThat(line.productId()).as("not mapped: empty").isNull();
        assertThat(((OrderLine) file.forModel("sale.order.line").map("t", "odoo", "17.0", Map.of("id", 6,
                "display_type", "line_note", "write_date", "2026-11-24 19:28:48"))).kind()).isEqualTo(LineKind.NOTE);

        Invoice invoice = (Invoice) file.forModel("account.move").map("t", "odoo", "17.0", Map.of("id", 8,
                "invoice_date", "2026-10-02", "amount_total", 0.1, "write_date", "2026-11-24 19:27:41"));
        assertThat(invoice.invoiceDate()).isEqualTo(LocalDate.of(2026, 10, 2));
        assertThat(invoice.amountTotal()).isEqualTo(new BigDecimal("0.1"));

        Product product = (Product) file.forModel("product.product").map("t", "odoo", "17.0", Map.of("id", 3,
                "image_128", "iVBORw0KGgo=", "description_sale", false, "detailed_type", "product"));
        assertThat(product.hasImage()).isTrue();
        assertThat(product.hasDescription()).isFalse();
        assertThat(product.stockable()).isTrue();

        Customer company = (Customer) file.forModel("res.company").map("t", "odoo", "17.0", Map.of("id", 1,
                "child_ids", List.of(2, 3, 4)));
        assertThat(company.salesCount()).isEqualTo(3);
    }

    @Test
    void oneModelFeedsTwoCanonicalTypesByItsWhenFiltersAndSkipsTheRest() throws IOException {
        load("""
                  account.move:
                    - when: { move_type: out_invoice }
                      canonical: Invoice
                      fields:
                        name: { from: name }
                    - when: { move_type: [out_refund, in_refund] }
                      canonical: CreditNote
                      fields:
                        name: { from: name }
                """);
        ModelMapping moves = MappingLoader.load(dir.resolve("odoo-17.yaml")).forModel("account.move");

        assertThat(moves.map("t", "odoo", "17.0", Map.of("id", 1, "move_type", "out_invoice", "name", "INV/1")))
                .isInstanceOf(Invoice.class);
        assertThat(moves.map("t", "odoo", "17.0", Map.of("id", 2, "move_type", "in_refund", "name", "RBILL/1")))
                .isInstanceOf(CreditNote.class);
        assertThat(moves.map("t", "odoo", "17.0", Map.of("id", 3, "move_type", "entry", "name", "MISC/1"))).isNull();
        assertThat(moves.sourceFields()).containsExactly("id", "move_type", "name", "write_date");
        assertThat(moves.canonicalTypes()).containsExactly(Invoice.class, CreditNote.class);
    }

    @Test
    void anUnparsableValueIsUnmappableAndNamesModelIdFieldAndFile() throws IOException {
        load("""
                  res.currency.rate:
                    canonical: CurrencyRate
                    fields:
                      validFrom: { from: name, type: date }
                """);
        ModelMapping rates = MappingLoader.load(dir.resolve("odoo-17.yaml")).forModel("res.currency.rate");
        Map<String, Object> record = new HashMap<>(Map.of("id", 85, "name", "yesterday"));

        assertThatThrownBy(() -> rates.map("t", "odoo", "17.0", record))
                .isInstanceOf(UnmappableRecordException.class)
                .hasMessageContaining("res.currency.rate id 85")
                .hasMessageContaining("field 'name' value 'yesterday' cannot be read as LocalDate")
                .hasMessageContaining(dir.resolve("odoo-17.yaml").toString());
    }

    @Test
    void aFieldTypeThatCannotFillTheCanonicalFieldIsRejected() throws IOException {
        Path file = load("""
                  sale.order:
                    canonical: Order
                    fields:
                      name: { from: amount_total, type: monetary }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessage(file + ":7:41: models.sale.order.fields.name.type: "
                + "type 'monetary' cannot fill canonical field 'name' of type String (it fills BigDecimal)");
    }

    @Test
    void severalTargetsWithoutAWhenFilterAreRejected() throws IOException {
        Path file = load("""
                  account.move:
                    - canonical: Invoice
                      fields: {}
                    - when: { move_type: out_refund }
                      canonical: CreditNote
                      fields: {}
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file + ":5:7: models.account.move[0]: "
                + "missing key 'when'");
    }

    @Test
    void anEmptyWhenFilterIsRejected() throws IOException {
        Path file = load("""
                  account.move:
                    canonical: Invoice
                    when: {}
                    fields: {}
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file + ":6:11: key 'models.account.move.when': must not be empty "
                + "(an empty filter selects every record; remove 'when' instead)");
    }

    @Test
    void aDefaultThatIsNotACanonicalValueIsRejected() throws IOException {
        Path file = load("""
                  sale.order:
                    canonical: Order
                    fields:
                      status: { from: state, default: pending }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file
                + ":7:39: models.sale.order.fields.status.default: 'pending' is not a OrderStatus value");
    }

    @Test
    void aBooleanMapOntoSomethingElseThanTrueOrFalseIsRejected() throws IOException {
        Path file = load("""
                  product.product:
                    canonical: Product
                    fields:
                      stockable: { from: detailed_type, map: { product: yes-please } }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file
                + ":7:57: models.product.product.fields.stockable.map.product: 'yes-please' is not true or false");
    }

    @Test
    void aNumericDefaultThatIsNotANumberIsRejected() throws IOException {
        Path file = load("""
                  stock.quant:
                    canonical: StockLevel
                    fields:
                      reserved: { from: reserved_quantity, default: none }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file
                + ":7:53: models.stock.quant.fields.reserved.default: 'none' cannot be read as BigDecimal");
    }

    @Test
    void aRequiredFlagThatIsNotABooleanIsRejected() throws IOException {
        Path file = load("""
                  sale.order:
                    canonical: Order
                    fields:
                      name: { from: name, required: yes-sir }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file
                + ":7:37: key 'models.sale.order.fields.name.required': 'yes-sir' is not true or false");
    }

    @Test
    void aRuleWithoutSourceFieldIsRejected() throws IOException {
        Path file = load("""
                  sale.order:
                    canonical: Order
                    fields:
                      name: { type: value }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file
                + ":7:7: missing required key 'models.sale.order.fields.name.from'");
    }

    @Test
    void aFieldMappedTwiceIsRejected() throws IOException {
        Path file = load("""
                  sale.order:
                    canonical: Order
                    fields:
                      name: { from: name }
                      name: { from: client_order_ref }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file
                + ":8:7: models.sale.order.fields.name: field mapped twice");
    }

    @Test
    void anIdentityFieldCannotBeMappedByTheFile() throws IOException {
        Path file = load("""
                  sale.order:
                    canonical: Order
                    fields:
                      sourceId: { from: id }
                """);

        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageStartingWith(file
                + ":7:7: models.sale.order.fields.sourceId: unknown canonical field 'sourceId' of Order");
    }

    private Path load(String models) throws IOException {
        Path file = dir.resolve("odoo-17.yaml");
        Files.writeString(file, HEADER + models);
        return file;
    }
}
