package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The generated invoices, credit notes, payments and stock agree with each other and with the orders. */
class GeneratedLedgerAndStockTest {

    static final String AS_OF_DAY = "2026-11-22";
    static OdooDatabase db;
    static List<Map<String, Object>> moves;

    @BeforeAll
    static void generate() {
        db = DatasetGeneratorTest.generate(OdooFlavour.V18, 17017, 1500);
        moves = db.records("account.move");
    }

    static int id(Object many2one) {
        return ((Number) ((List<?>) many2one).get(0)).intValue();
    }

    static double num(Object v) {
        return ((Number) v).doubleValue();
    }

    static List<Map<String, Object>> ofType(String type) {
        return moves.stream().filter(m -> type.equals(m.get("move_type"))).toList();
    }

    @Test
    void mostConfirmedOrdersHaveOneInvoiceAndOnlyConfirmedOrdersHaveAny() {
        Map<String, Map<String, Object>> orders = db.records("sale.order").stream()
                .collect(Collectors.toMap(o -> (String) o.get("name"), Function.identity()));
        List<Map<String, Object>> invoices = ofType("out_invoice");
        Set<Object> invoicedOrders = new HashSet<>();
        for (Map<String, Object> inv : invoices) {
            Map<String, Object> order = orders.get((String) inv.get("invoice_origin"));
            assertThat(order.get("state")).isEqualTo("sale");
            assertThat(inv.get("partner_id")).isEqualTo(order.get("partner_id"));
            assertThat(num(inv.get("amount_total"))).isEqualTo(num(order.get("amount_total")));
            assertThat(invoicedOrders.add(inv.get("invoice_origin"))).isTrue();
        }
        long confirmed = orders.values().stream().filter(o -> "sale".equals(o.get("state"))).count();
        assertThat((double) invoices.size() / confirmed).isBetween(0.75, 0.95);
    }

    @Test
    void paymentsAndResidualAddUpToTheInvoiceTotalAndDecideItsPaymentState() {
        Map<Integer, Double> paidPerInvoice = new HashMap<>();
        for (Map<String, Object> p : db.records("account.payment")) {
            int invoice = ((Number) ((List<?>) p.get("invoice_ids")).get(0)).intValue();
            paidPerInvoice.merge(invoice, num(p.get("amount")), Double::sum);
        }
        Set<Object> states = new HashSet<>();
        for (Map<String, Object> inv : ofType("out_invoice")) {
            String state = (String) inv.get("payment_state");
            states.add(state);
            if ("reversed".equals(state)) continue;
            double paid = paidPerInvoice.getOrDefault((Integer) inv.get("id"), 0.0);
            double residual = num(inv.get("amount_residual"));
            assertThat(paid + residual).isCloseTo(num(inv.get("amount_total")), within(0.005));
            assertThat(state).isEqualTo(residual == 0 ? "paid" : paid == 0 ? "not_paid" : "partial");
        }
        assertThat(states).containsExactlyInAnyOrder("paid", "partial", "not_paid", "reversed");
    }

    @Test
    void someUnpaidInvoicesAreOverdueAtAsOf() {
        long overdue = ofType("out_invoice").stream()
                .filter(i -> List.of("not_paid", "partial").contains(i.get("payment_state")))
                .filter(i -> ((String) i.get("invoice_date_due")).compareTo(AS_OF_DAY) < 0)
                .count();
        assertThat(overdue).isGreaterThan(10);
    }

    @Test
    void creditNotesReverseAnInvoiceOfTheSameCustomerAndAFullReversalSettlesIt() {
        Map<Integer, Map<String, Object>> byId = moves.stream()
                .collect(Collectors.toMap(m -> (Integer) m.get("id"), Function.identity()));
        List<Map<String, Object>> refunds = ofType("out_refund");
        assertThat(refunds).isNotEmpty();
        Set<Object> refundStates = new HashSet<>();
        for (Map<String, Object> r : refunds) {
            Map<String, Object> inv = byId.get(id(r.get("reversed_entry_id")));
            assertThat(inv.get("move_type")).isEqualTo("out_invoice");
            assertThat(inv.get("partner_id")).isEqualTo(r.get("partner_id"));
            assertThat(num(r.get("amount_total_signed"))).isNegative();
            refundStates.add(r.get("payment_state"));
            if ("reversed".equals(inv.get("payment_state"))) {
                assertThat(num(inv.get("amount_residual"))).isZero();
                assertThat(r.get("amount_total")).isEqualTo(inv.get("amount_total"));
            }
        }
        assertThat(refundStates).containsExactlyInAnyOrder("paid", "not_paid");
    }

    @Test
    void journalItemsOfEachInvoiceBalanceAndPointBackAtTheOrderLines() {
        Map<Integer, double[]> sums = new HashMap<>();
        Set<Integer> soldLines = new HashSet<>();
        for (Map<String, Object> l : db.records("account.move.line")) {
            double[] s = sums.computeIfAbsent(id(l.get("move_id")), k -> new double[2]);
            s[0] += num(l.get("debit"));
            s[1] += num(l.get("credit"));
            for (Object sl : (List<?>) l.get("sale_line_ids")) soldLines.add(((Number) sl).intValue());
        }
        for (Map<String, Object> inv : ofType("out_invoice")) {
            double[] s = sums.get((Integer) inv.get("id"));
            assertThat(s[0]).as("debit of %s", inv.get("name")).isCloseTo(s[1], within(0.02));
            assertThat(s[0]).isCloseTo(num(inv.get("amount_total_signed")), within(0.02));
        }
        for (Map<String, Object> line : db.records("sale.order.line")) {
            if (num(line.get("qty_invoiced")) > 0) assertThat(soldLines).contains((Integer) line.get("id"));
        }
    }

    @Test
    void quantsAreWhatTheDoneMovesLeaveInEachCompanysStockAndSomeAreZeroOrNegative() {
        Map<List<Integer>, Double> net = new HashMap<>();
        for (Map<String, Object> m : db.records("stock.move")) {
            if (!"done".equals(m.get("state"))) continue;
            double q = num(m.get("quantity"));
            int product = id(m.get("product_id"));
            net.merge(List.of(id(m.get("location_dest_id")), product), q, Double::sum);
            net.merge(List.of(id(m.get("location_id")), product), -q, Double::sum);
        }
        Map<Object, Set<String>> signsPerCompany = new HashMap<>();
        for (Map<String, Object> q : db.records("stock.quant")) {
            double qty = num(q.get("quantity"));
            assertThat(qty).isEqualTo(net.getOrDefault(List.of(id(q.get("location_id")), id(q.get("product_id"))), 0.0));
            signsPerCompany.computeIfAbsent(q.get("company_id"), k -> new HashSet<>())
                    .add(qty > 0 ? "positive" : qty == 0 ? "zero" : "negative");
        }
        assertThat(signsPerCompany).hasSize(2);
        signsPerCompany.values().forEach(s -> assertThat(s).containsExactlyInAnyOrder("positive", "zero", "negative"));
    }

    @Test
    void deliveriesAndReceiptsAreDoneWithDatesBeforeAsOfAndDeliveriesFollowTheirOrder() {
        Map<String, String> orderDates = db.records("sale.order").stream()
                .collect(Collectors.toMap(o -> (String) o.get("name"), o -> (String) o.get("date_order")));
        Set<Object> kinds = new HashSet<>();
        for (Map<String, Object> m : db.records("stock.move")) {
            String date = (String) m.get("date");
            assertThat(date).isLessThan(AS_OF_DAY);
            kinds.add(m.get("picking_type_id"));
            if (m.get("origin") instanceof String order) assertThat(date).isGreaterThan(orderDates.get(order));
        }
        assertThat(kinds).hasSize(4); // receipts and deliveries in both companies
    }

    @Test
    void catalogueHasArchivedRecordsAndProductsLackingImageCodeDescriptionOrPrice() {
        List<Map<String, Object>> templates = db.records("product.template");
        assertThat(templates).anyMatch(t -> Boolean.FALSE.equals(t.get("active")));
        assertThat(templates).anyMatch(t -> Boolean.FALSE.equals(t.get("default_code")));
        assertThat(templates).anyMatch(t -> Boolean.FALSE.equals(t.get("description_sale")));
        assertThat(templates).anyMatch(t -> num(t.get("list_price")) == 0.0);
        Table variants = db.table("product.product"); // has_image is the export's stand-in for image_1920, not a field
        assertThat(variants.rows()).anyMatch(r -> Boolean.FALSE.equals(variants.raw(r, "has_image")));
        assertThat(db.records("res.partner")).anyMatch(p -> Boolean.FALSE.equals(p.get("active")));
    }
}
