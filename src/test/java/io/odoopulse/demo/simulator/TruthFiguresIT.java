package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every figure of truth.json (computed by Odoo's own read_group/search_count) reproduced through the
 * simulator's RPC with the recorded domain, context and kwargs, for 16.0, 17.0, 18.0 and 19.0.
 */
@SuppressWarnings("unchecked")
class TruthFiguresIT {

    @TestFactory
    Stream<DynamicTest> truthFiguresMatchTheSimulatorsReadGroupAndSearchCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String v : ContractReplayIT.VERSIONS) tests.add(DynamicTest.dynamicTest(v, () -> check(v)));
        return tests.stream();
    }

    private Rpc rpc;
    private int checked;

    void check(String version) throws Exception {
        Map<String, Object> truth = Rpc.MAPPER.readValue(ContractReplayIT.resource("odoo-contract/" + version + "/truth.json"), Map.class);
        Map<String, Object> kpis = (Map<String, Object>) truth.get("kpis");
        try (OdooSimulator sim = OdooSimulator.start(ContractReplayIT.settingsFor(version))) {
            rpc = new Rpc(sim);
            checked = 0;
            countsWithHow(kpis, "kpis");
            revenue((Map<String, Object>) kpis.get("revenue_orders_aov"));
            orderStates((Map<String, Object>) kpis.get("order_states"));
            creditNotes((Map<String, Object>) kpis.get("credit_notes"));
            invoicedVsPaid((Map<String, Object>) kpis.get("invoiced_vs_paid"));
            overdue((Map<String, Object>) kpis.get("overdue_receivables"));
            topCustomers((Map<String, Object>) kpis.get("top10_customers_lifetime_confirmed"));
            newVsRepeat((Map<String, Object>) kpis.get("new_vs_repeat_customers_30d"));
            catalogue((Map<String, Object>) kpis.get("catalogue_quality"), version);
        }
        assertThat(checked).as("figures checked for " + version).isGreaterThan(100);
    }

    // ------------------------------------------------------------------ calls

    List<Map<String, Object>> readGroup(Map<String, Object> how) {
        Map<String, Object> kwargs = new LinkedHashMap<>((Map<String, Object>) how.getOrDefault("kwargs", Map.of()));
        kwargs.put("lazy", false);
        kwargs.put("context", how.getOrDefault("context", Map.of()));
        return (List<Map<String, Object>>) rpc.execute((String) how.get("model"), "read_group",
                List.of(how.get("domain"), how.getOrDefault("fields", List.of()), how.get("groupby")), kwargs);
    }

    int searchCount(Map<String, Object> how) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("context", how.getOrDefault("context", Map.of()));
        return rpc.searchCount((String) how.get("model"), (List<?>) how.get("domain"), kwargs);
    }

    static String name(Object m2o) {
        return m2o instanceof List<?> l ? String.valueOf(l.get(1)) : String.valueOf(m2o);
    }

    Map<String, Object> find(List<Map<String, Object>> groups, Map<String, String> keys) {
        for (Map<String, Object> g : groups) {
            boolean ok = true;
            for (Map.Entry<String, String> k : keys.entrySet()) ok &= name(g.get(k.getKey())).equals(k.getValue());
            if (ok) return g;
        }
        throw new AssertionError("no group " + keys + " in " + groups);
    }

    void same(String what, Object expected, Object actual) {
        checked++;
        if (expected instanceof Double || actual instanceof Double) {
            assertThat(((Number) actual).doubleValue()).as(what).isCloseTo(((Number) expected).doubleValue(), within(0.005));
        } else {
            assertThat(((Number) actual).longValue()).as(what).isEqualTo(((Number) expected).longValue());
        }
    }

    // ------------------------------------------------------------------ sections

    /** Any {"count": n, "how": {search_count}} node. */
    void countsWithHow(Object node, String path) {
        if (node instanceof Map<?, ?> m) {
            Object how = m.get("how");
            if (m.get("count") instanceof Number n && how instanceof Map<?, ?> h && "search_count".equals(h.get("method"))) {
                same(path, n, searchCount((Map<String, Object>) h));
            }
            for (Map.Entry<?, ?> e : m.entrySet()) countsWithHow(e.getValue(), path + "." + e.getKey());
        }
    }

    void revenue(Map<String, Object> section) {
        for (Map.Entry<String, Object> w : section.entrySet()) {
            Map<String, Object> win = (Map<String, Object>) w.getValue();
            List<Map<String, Object>> groups = readGroup((Map<String, Object>) win.get("how"));
            for (Map<String, Object> e : (List<Map<String, Object>>) win.get("by_company_currency")) {
                Map<String, Object> g = find(groups, Map.of("company_id", (String) e.get("company"), "currency_id", (String) e.get("currency")));
                same("revenue " + w.getKey() + " orders", e.get("orders"), g.get("__count"));
                same("revenue " + w.getKey() + " total", e.get("revenue_amount_total"), g.get("amount_total"));
                same("revenue " + w.getKey() + " untaxed", e.get("revenue_amount_untaxed"), g.get("amount_untaxed"));
            }
        }
    }

    void orderStates(Map<String, Object> section) {
        for (Map.Entry<String, Object> w : section.entrySet()) {
            Map<String, Object> win = (Map<String, Object>) w.getValue();
            List<Map<String, Object>> groups = readGroup((Map<String, Object>) win.get("how"));
            long total = 0;
            for (Map.Entry<String, Object> c : ((Map<String, Object>) win.get("counts")).entrySet()) {
                same("states " + w.getKey() + " " + c.getKey(), c.getValue(), find(groups, Map.of("state", c.getKey())).get("__count"));
            }
            for (Map<String, Object> g : groups) total += ((Number) g.get("__count")).longValue();
            same("states " + w.getKey() + " total", win.get("total"), total);
        }
    }

    void creditNotes(Map<String, Object> section) {
        for (Map.Entry<String, Object> w : section.entrySet()) {
            Map<String, Object> win = (Map<String, Object>) w.getValue();
            List<Map<String, Object>> groups = readGroup((Map<String, Object>) win.get("how"));
            for (Map.Entry<String, Object> c : ((Map<String, Object>) win.get("by_company")).entrySet()) {
                for (String type : List.of("out_invoice", "out_refund")) {
                    Map<String, Object> e = (Map<String, Object>) ((Map<String, Object>) c.getValue()).get(type);
                    Map<String, Object> g = find(groups, Map.of("company_id", c.getKey(), "move_type", type));
                    same("credit " + c.getKey() + type, e.get("count"), g.get("__count"));
                    same("credit " + c.getKey() + type + " total", e.get("amount_total_signed"), g.get("amount_total_signed"));
                    same("credit " + c.getKey() + type + " untaxed", e.get("amount_untaxed_signed"), g.get("amount_untaxed_signed"));
                }
            }
            List<Map<String, Object>> linked = readGroup((Map<String, Object>) win.get("how_linked"));
            for (Map.Entry<String, Object> c : ((Map<String, Object>) win.get("refunds_linked_to_an_invoice")).entrySet()) {
                same("linked refunds " + c.getKey(), c.getValue(),
                        find(linked, Map.of("company_id", c.getKey(), "move_type", "out_refund")).get("__count"));
            }
        }
    }

    void invoicedVsPaid(Map<String, Object> s) {
        List<Map<String, Object>> doc = readGroup((Map<String, Object>) s.get("how"));
        for (Map<String, Object> e : (List<Map<String, Object>>) s.get("document_currency")) {
            Map<String, Object> g = find(doc, Map.of("company_id", (String) e.get("company"), "currency_id", (String) e.get("currency")));
            same("invoiced count", e.get("invoices"), g.get("__count"));
            same("invoiced total", e.get("invoiced_amount_total"), g.get("amount_total"));
            same("invoiced residual", e.get("outstanding_amount_residual"), g.get("amount_residual"));
        }
        List<Map<String, Object>> comp = readGroup((Map<String, Object>) s.get("how_company_currency"));
        for (Map<String, Object> e : (List<Map<String, Object>>) s.get("company_currency")) {
            Map<String, Object> g = find(comp, Map.of("company_id", (String) e.get("company")));
            same("invoiced signed count", e.get("invoices"), g.get("__count"));
            same("invoiced signed total", e.get("invoiced_amount_total_signed"), g.get("amount_total_signed"));
            same("invoiced signed residual", e.get("outstanding_amount_residual_signed"), g.get("amount_residual_signed"));
        }
        List<Map<String, Object>> states = readGroup((Map<String, Object>) s.get("how_by_payment_state"));
        for (Map<String, Object> e : (List<Map<String, Object>>) s.get("by_payment_state")) {
            Map<String, Object> g = find(states, Map.of("company_id", (String) e.get("company"), "payment_state", (String) e.get("payment_state")));
            same("payment state count", e.get("invoices"), g.get("__count"));
            same("payment state total", e.get("amount_total_signed"), g.get("amount_total_signed"));
            same("payment state residual", e.get("amount_residual_signed"), g.get("amount_residual_signed"));
        }
    }

    void overdue(Map<String, Object> s) {
        List<Map<String, Object>> doc = readGroup((Map<String, Object>) s.get("how"));
        for (Map<String, Object> e : (List<Map<String, Object>>) s.get("document_currency")) {
            Map<String, Object> g = find(doc, Map.of("company_id", (String) e.get("company"), "currency_id", (String) e.get("currency")));
            same("overdue count", e.get("invoices"), g.get("__count"));
            same("overdue residual", e.get("overdue_amount_residual"), g.get("amount_residual"));
        }
        List<Map<String, Object>> comp = readGroup((Map<String, Object>) s.get("how_company_currency"));
        for (Map<String, Object> e : (List<Map<String, Object>>) s.get("company_currency")) {
            Map<String, Object> g = find(comp, Map.of("company_id", (String) e.get("company")));
            same("overdue signed count", e.get("invoices"), g.get("__count"));
            same("overdue signed residual", e.get("overdue_amount_residual_signed"), g.get("amount_residual_signed"));
        }
        List<Map<String, Object>> states = readGroup((Map<String, Object>) s.get("how_by_payment_state"));
        for (Map.Entry<String, Object> e : ((Map<String, Object>) s.get("by_payment_state")).entrySet()) {
            Map<String, Object> v = (Map<String, Object>) e.getValue();
            Map<String, Object> g = find(states, Map.of("payment_state", e.getKey()));
            same("overdue " + e.getKey() + " count", v.get("invoices"), g.get("__count"));
            same("overdue " + e.getKey() + " amount", v.get("amount_residual_signed_mixed_currencies"), g.get("amount_residual_signed"));
        }
    }

    void topCustomers(Map<String, Object> s) {
        for (Map.Entry<String, Object> c : s.entrySet()) {
            Map<String, Object> sec = (Map<String, Object>) c.getValue();
            List<Map<String, Object>> groups = readGroup((Map<String, Object>) sec.get("how"));
            Map<Integer, Map<String, Object>> byPartner = new HashMap<>();
            for (Map<String, Object> g : groups) byPartner.put(((Number) ((List<?>) g.get("partner_id")).get(0)).intValue(), g);
            for (Map<String, Object> e : (List<Map<String, Object>>) sec.get("ranking")) {
                Map<String, Object> g = byPartner.get(((Number) e.get("partner_id")).intValue());
                same("top " + c.getKey() + " orders", e.get("orders"), g.get("__count"));
                same("top " + c.getKey() + " revenue", e.get("revenue_amount_total"), g.get("amount_total"));
            }
        }
    }

    void newVsRepeat(Map<String, Object> s) {
        String start = (String) ((List<?>) s.get("window")).get(0);
        Map<Integer, String> first = new HashMap<>();
        for (Map<String, Object> g : readGroup((Map<String, Object>) s.get("how_first_order"))) {
            first.put(((Number) ((List<?>) g.get("partner_id")).get(0)).intValue(), (String) g.get("first_order"));
        }
        Set<Integer> active = new TreeSet<>();
        for (Map<String, Object> g : readGroup((Map<String, Object>) s.get("how_window"))) {
            active.add(((Number) ((List<?>) g.get("partner_id")).get(0)).intValue());
        }
        List<Integer> fresh = active.stream().filter(p -> first.get(p).compareTo(start) >= 0).toList();
        same("active customers", s.get("active_customers"), active.size());
        same("new customers", s.get("new_customers"), fresh.size());
        same("repeat customers", s.get("repeat_customers"), active.size() - fresh.size());
        assertThat(fresh).as("new customer ids").isEqualTo(s.get("new_customer_ids"));
    }

    void catalogue(Map<String, Object> s, String version) {
        String typeField = version.startsWith("17") ? "detailed_type" : "type";
        for (Map.Entry<String, Object> sec : s.entrySet()) {
            if (!(sec.getValue() instanceof Map<?, ?> m)) continue;
            List<Object> base = sec.getKey().contains("sale_ok") ? List.of(List.of("sale_ok", "=", true)) : List.of();
            Map<String, List<Object>> checks = Map.of(
                    "total", List.of(),
                    "missing_image", List.of(List.of("product_tmpl_id.image_1920", "=", false)),
                    "missing_default_code", List.of(List.of("default_code", "=", false)),
                    "missing_description_sale", List.of(List.of("description_sale", "=", false)),
                    "missing_price_list_price_0", List.of(List.of("list_price", "=", 0)));
            for (Map.Entry<String, List<Object>> c : checks.entrySet()) {
                Object expected = ((Map<String, Object>) m.get(c.getKey())).get("count");
                List<Object> domain = new ArrayList<>(base);
                domain.addAll(c.getValue());
                same("catalogue " + sec.getKey() + " " + c.getKey() + " (" + typeField + ")", expected,
                        searchCount(Map.of("model", "product.product", "domain", domain)));
            }
        }
    }
}
