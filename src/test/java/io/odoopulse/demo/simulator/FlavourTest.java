package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FlavourTest {

    static SimulatorSettings small(OdooFlavour f) {
        return SimulatorSettings.demo().withFlavour(f).withGenerated(5, 120, Instant.parse("2026-11-22T00:00:00Z"));
    }

    @Test
    void versionInfoFollowsTheFlavour() {
        for (OdooFlavour f : OdooFlavour.values()) {
            try (OdooSimulator sim = OdooSimulator.start(small(f))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> v = (Map<String, Object>) new Rpc(sim).call("common", "version").get("result");
                assertThat(v.get("server_version_info")).isEqualTo(List.of(f.major(), 0, 0, "final", 0, ""));
                assertThat(sim.settings().db()).isEqualTo("odoo" + f.major());
            }
        }
    }

    @Test
    void odoo16StillHasTheDoneStateAnd17DoesNot() {
        try (OdooSimulator v16 = OdooSimulator.start(small(OdooFlavour.V16));
             OdooSimulator v17 = OdooSimulator.start(small(OdooFlavour.V17))) {
            assertThat(states(v16)).contains("done");
            assertThat(states(v17)).doesNotContain("done");
        }
    }

    @Test
    void odoo18RefusesOrderingByANonStoredFieldWhile17IgnoresIt() {
        try (OdooSimulator v17 = OdooSimulator.start(small(OdooFlavour.V17));
             OdooSimulator v18 = OdooSimulator.start(small(OdooFlavour.V18))) {
            Map<String, Object> kw = Map.of("fields", List.of("name"), "order", "amount_to_invoice desc", "limit", 1);
            // amount_to_invoice is computed, not stored, on sale.order
            assertThat(new Rpc(v17).executeRaw("sale.order", "search_read", List.of(List.of()), kw)).containsKey("result");
            assertThat(Rpc.errorData(new Rpc(v18).executeRaw("sale.order", "search_read", List.of(List.of()), kw)))
                    .containsEntry("name", "builtins.ValueError");
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void odoo16OffersTheLockedStateInFieldsGetAndHasNoLockedFlag() {
        try (OdooSimulator v16 = OdooSimulator.start(small(OdooFlavour.V16))) {
            Map<String, Object> fields = (Map<String, Object>) new Rpc(v16).execute("sale.order", "fields_get",
                    List.of(List.of("state", "locked")), Map.of("attributes", List.of("selection")));
            assertThat(fields).containsOnlyKeys("state");
            assertThat((List<Object>) ((Map<String, Object>) fields.get("state")).get("selection"))
                    .extracting(o -> (Object) ((List<?>) o).get(0)).containsExactly("draft", "sent", "sale", "done", "cancel");
        }
    }

    @Test
    void odoo16StockMovesReportQuantityDoneWhere17ReportsQuantityAndPicked() {
        try (OdooSimulator v16 = OdooSimulator.start(small(OdooFlavour.V16));
             OdooSimulator v17 = OdooSimulator.start(small(OdooFlavour.V17))) {
            Map<String, Object> m16 = v16.database().records("stock.move").get(0);
            Map<String, Object> m17 = v17.database().records("stock.move").get(0);
            assertThat(m16).containsKey("quantity_done").doesNotContainKeys("quantity", "picked");
            assertThat(m17).containsKeys("quantity", "picked").doesNotContainKey("quantity_done");
            assertThat((Double) m16.get("quantity_done")).isPositive();
        }
    }

    @Test
    void odoo16LocksAnOrderWithActionDoneAnd17WithActionLock() {
        try (OdooSimulator v16 = OdooSimulator.start(small(OdooFlavour.V16))) {
            Rpc rpc = new Rpc(v16);
            int id = (Integer) v16.database().records("sale.order").stream()
                    .filter(o -> "sale".equals(o.get("state"))).findFirst().orElseThrow().get("id");
            rpc.execute("sale.order", "action_done", List.of(List.of(id)), Map.of());
            assertThat(rpc.searchRead("sale.order", List.of(List.of("id", "=", id)), Map.of("fields", List.of("state"))))
                    .extracting(o -> o.get("state")).containsExactly("done");
            assertThat(rpc.executeRaw("sale.order", "action_lock", List.of(List.of(id)), Map.of())).containsKey("error");
        }
    }

    /** The generated 16 describes the models with the real 16.0's fields (its recorded fields_get), not 17's. */
    @Test
    @SuppressWarnings("unchecked")
    void odoo16GeneratedModelsHaveTheFieldsOfTheReal16() throws Exception {
        try (OdooSimulator v16 = OdooSimulator.start(small(OdooFlavour.V16))) {
            for (String model : List.of("sale.order", "sale.order.line", "stock.move", "account.move", "res.partner")) {
                Map<String, Object> rec = Rpc.MAPPER.readValue(ContractReplayIT.resource(
                        "odoo-contract/16.0/jsonrpc-object-fields_get-" + model + ".json"), Map.class);
                Map<String, Object> real = (Map<String, Object>) Rpc.MAPPER.readValue(
                        (String) rec.get("response_body"), Map.class).get("result");
                Map<String, Object> mine = (Map<String, Object>) new Rpc(v16).execute(model, "fields_get", List.of(),
                        Map.of("attributes", List.of("string", "type", "relation", "required")));
                assertThat(mine).as(model).isEqualTo(real);
            }
        }
    }

    @Test
    void odoo16LastUpdateIsTheLastWrite() {
        try (OdooSimulator v16 = OdooSimulator.start(small(OdooFlavour.V16))) {
            List<Map<String, Object>> orders = new Rpc(v16).searchRead("sale.order", List.of(),
                    Map.of("fields", List.of("write_date", "__last_update"), "limit", 3));
            assertThat(orders).isNotEmpty().allSatisfy(o -> assertThat(o.get("__last_update")).isEqualTo(o.get("write_date")));
        }
    }

    private static Set<Object> states(OdooSimulator sim) {
        Set<Object> s = new HashSet<>();
        for (Map<String, Object> r : sim.database().records("sale.order")) s.add(r.get("state"));
        return s;
    }
}
