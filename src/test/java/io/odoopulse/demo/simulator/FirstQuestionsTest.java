package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every client asks an Odoo first, answered by the simulator loaded with a recorded dataset (which holds
 * neither users nor modules) as the real server of that version does: who the logged-in user is and in which
 * companies, which apps are installed, and every attribute of every field. (SideBySideLiveTest compares the same
 * requests with the real servers.)
 */
class FirstQuestionsTest {

    private static final Map<String, OdooSimulator> SIMULATORS = new HashMap<>();

    static synchronized Rpc rpc(String version) throws Exception {
        if (!SIMULATORS.containsKey(version)) {
            SIMULATORS.put(version, OdooSimulator.start(ContractReplayIT.settingsFor(version)));
        }
        return new Rpc(SIMULATORS.get(version));
    }

    @AfterAll
    static void stop() {
        SIMULATORS.values().forEach(OdooSimulator::close);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void readingTheLoggedInUserGivesItsCompaniesInTheServersOrder(String version) throws Exception {
        List<Map<String, Object>> users = (List<Map<String, Object>>) rpc(version).execute("res.users", "read",
                List.of(List.of(2)), Map.of("fields", List.of("login", "company_id", "company_ids")));

        Map<String, Object> manifest = Rpc.MAPPER.readValue(ContractReplayIT.resource(
                "odoo-contract/" + version + "/dataset/manifest.json"), Map.class);
        assertThat(users).hasSize(1);
        assertThat(users.get(0)).containsEntry("id", 2).containsEntry("login", "admin")
                .containsEntry("company_ids", manifest.get("companies"));
        assertThat((List<Object>) users.get(0).get("company_id")).containsExactly(1, "My Company (San Francisco)");
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void theModuleListShowsTheInstalledAppsAndTheOthersUninstalled(String version) throws Exception {
        List<Map<String, Object>> modules = rpc(version).searchRead("ir.module.module",
                List.of(List.of("name", "in", List.of("sale", "stock", "account", "website_sale", "point_of_sale", "mrp"))),
                Map.of("fields", List.of("name", "state")));

        assertThat(modules.stream().collect(Collectors.toMap(m -> m.get("name"), m -> m.get("state"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("sale", "installed", "stock", "installed",
                        "account", "installed", "website_sale", "installed", "point_of_sale", "installed",
                        "mrp", "uninstalled"));
    }

    /** The module counts of ../shared/odoo-server/README.md: 75, 79, 87 and 97 modules installed. */
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void asManyModulesAreInstalledAsOnTheRecordedServer(String version) throws Exception {
        int expected = Map.of("16.0", 75, "17.0", 79, "18.0", 87, "19.0", 97).get(version);

        assertThat(rpc(version).searchCount("ir.module.module", List.of(List.of("state", "=", "installed")), Map.of()))
                .isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void fieldsGetWithoutAttributesDescribesEveryFieldInFull(String version) throws Exception {
        Map<String, Map<String, Object>> fields = (Map<String, Map<String, Object>>) rpc(version)
                .execute("sale.order", "fields_get", List.of(), Map.of());

        fields.forEach((name, attributes) -> assertThat(attributes).as(name)
                .containsEntry("name", name)
                .containsKeys("type", "string", "store", "searchable", "sortable", "readonly", "required", "depends",
                        "manual", "exportable", "change_default"));
        assertThat(fields.get("amount_total")).containsEntry("currency_field", "currency_id");
        assertThat((List<Object>) fields.get("amount_total").get("depends")).contains("order_line.price_subtotal");
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0"})
    void onlyOdoo16StillListsLastUpdateAmongTheFields(String version) throws Exception {
        Map<String, Object> fields = (Map<String, Object>) rpc(version)
                .execute("sale.order", "fields_get", List.of(), Map.of("attributes", List.of("type")));

        assertThat(fields.containsKey("__last_update")).isEqualTo("16.0".equals(version));
    }
}
