package io.odoopulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.odoo.RetryPolicy;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.unit.DataSize;

/**
 * Live, on a writable copy of a real Odoo database: the pushed inventory value ({@code stock-value}) and its
 * slow-moving share ({@code audit-slow-moving-stock-value}) per company currency against what that Odoo computes
 * at test time (read_group of {@code stock.quant} {@code value:sum} in internal locations; the products with a done
 * move out of them in the 90 tenant-local days before the snapshot); then a change of a product's cost, which
 * revalues its quants without writing them, is found by the parity audit and read again. Subclasses name the
 * version; its URL is in {@code ODOO_LIVE_<major>_RW_URL}.
 */
@CamelSpringBootTest
@DirtiesContext
abstract class LiveStockValueChecks {

    @Autowired
    SnapshotInbox inbox;

    private final String tenant = "sv" + major();
    private final WritableCopy copy = new WritableCopy(major(), tenant);

    abstract int major();

    @Test
    void theInventoryValueAndItsSlowMovingShareEqualWhatOdooComputesInEachCurrency() {
        List<String> differences = new ArrayList<>();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                differences.clear();
                JsonNode snapshot = inbox.latest(tenant).orElse(null);
                if (snapshot == null) {
                    differences.add("no snapshot yet");
                    return false;
                }
                Instant asOf = Instant.parse(snapshot.path("asOf").asText());
                Instant since = asOf.atZone(ZoneId.of("America/Los_Angeles")).minusDays(90).toInstant();
                Set<Integer> moved = movedOut(since, asOf);
                Map<String, Map<Integer, BigDecimal>> odoo = valuePerProduct();
                assertThat(odoo).as("currencies with stock").isNotEmpty();
                for (Map.Entry<String, Map<Integer, BigDecimal>> currency : odoo.entrySet()) {
                    BigDecimal total = currency.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal slow = currency.getValue().entrySet().stream().filter(e -> !moved.contains(e.getKey()))
                            .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
                    compare(snapshot, "stock-value", currency.getKey(), total.setScale(2, RoundingMode.HALF_UP),
                            differences);
                    if (total.signum() != 0) {
                        compare(snapshot, "audit-slow-moving-stock-value", currency.getKey(), slow.divide(total, 4,
                                RoundingMode.HALF_EVEN), differences);
                    }
                }
                return differences.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            // Reported below with what differed at the last look.
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aChangeOfCostThatWritesNoQuantIsFoundByTheParityAuditAndReadAgain() {
        // The product holding the most value in a company's own locations, and that company's currency.
        int product = 0;
        int company = 0;
        BigDecimal most = BigDecimal.ZERO;
        for (JsonNode row : call("stock.quant", "read_group", List.of(List.of(List.of("location_id.usage", "=",
                "internal")), List.of("value:sum"), List.of("company_id", "product_id")), Map.of("lazy", false))) {
            if (new BigDecimal(row.path("value").asText()).compareTo(most) > 0) {
                most = new BigDecimal(row.path("value").asText());
                product = row.path("product_id").path(0).asInt();
                company = row.path("company_id").path(0).asInt();
            }
        }
        assertThat(product).as("a product with valued stock").isPositive();
        String currency = call("res.company", "read", List.of(List.of(company), List.of("currency_id")), Map.of())
                .get(0).path("currency_id").path(1).asText();
        await().atMost(Duration.ofMinutes(2)).until(() -> inbox.latest(tenant).map(s -> card(s, "stock-value",
                currency) != null).orElse(false));
        // Its cost in that company: the company first among the allowed ones.
        List<Integer> companies = new ArrayList<>(copy.companies());
        companies.remove(Integer.valueOf(company));
        companies.add(0, company);
        Map<String, Object> inCompany = Map.of("context", Map.of("allowed_company_ids", companies));
        List<String> quantsBefore = quantStamps(product);
        double cost = call("product.product", "read", List.of(List.of(product), List.of("standard_price")),
                inCompany).get(0).path("standard_price").asDouble();
        Instant written = Instant.now();
        try {
            call("product.product", "write", List.of(List.of(product), Map.of("standard_price", cost * 1.25 + 1)),
                    inCompany);
            BigDecimal revalued = valuePerProduct().get(currency).values().stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
            assertThat(quantStamps(product)).as("the quants are not written: no pull sees the change")
                    .isEqualTo(quantsBefore);

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> inbox.latest(tenant)
                    .map(s -> Instant.parse(s.path("generatedAt").asText()).isAfter(written)
                            && revalued.compareTo(new BigDecimal(card(s, "stock-value", currency).path("value")
                            .asText())) == 0).orElse(false));
            List<JsonNode> drift = new ArrayList<>();
            for (JsonNode snapshot : inbox.all(tenant)) {
                if (Instant.parse(snapshot.path("generatedAt").asText()).isAfter(written)) {
                    snapshot.path("alerts").forEach(alert -> {
                        if ("drift".equals(alert.path("kind").asText()) && "stock-value".equals(alert.path("card")
                                .asText())) {
                            drift.add(alert);
                        }
                    });
                }
            }
            assertThat(drift).as("the parity audit's alert on the inventory value").isNotEmpty();
            assertThat(new BigDecimal(drift.get(0).path("newValue").asText())).isEqualByComparingTo(revalued);
        } finally {
            call("product.product", "write", List.of(List.of(product), Map.of("standard_price", cost)), inCompany);
        }
        // The way back: the same content as before the change, which the store must take again.
        BigDecimal restored = valuePerProduct().get(currency).values().stream().reduce(BigDecimal.ZERO,
                BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        Instant back = Instant.now();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> inbox.latest(tenant)
                .map(s -> Instant.parse(s.path("generatedAt").asText()).isAfter(back) && restored.compareTo(
                        new BigDecimal(card(s, "stock-value", currency).path("value").asText())) == 0)
                .orElse(false));
    }

    @Test
    void anIntegrationUserWhoIsNoInventoryAdministratorReadsTheQuantsWithoutTheirValue() {
        String login = "pulse_stock_user_" + major();
        if (call("res.users", "search", List.of(List.of(List.of("login", "=", login))), Map.of()).isEmpty()) {
            List<Integer> groups = new ArrayList<>();
            for (String xmlid : List.of("base.group_user", "stock.group_stock_user")) {
                groups.add(call("ir.model.data", "search_read", List.of(List.of(List.of("module", "=",
                        xmlid.split("\\.")[0]), List.of("name", "=", xmlid.split("\\.")[1])), List.of("res_id")),
                        Map.of()).get(0).path("res_id").asInt());
            }
            // 19 renamed res.users' groups_id to group_ids.
            String groupsField = major() >= 19 ? "group_ids" : "groups_id";
            call("res.users", "create", List.of(Map.of("name", "Pulse stock user", "login", login, "password",
                    "stock-user-" + major(), groupsField, List.of(List.of(6, 0, groups)))), Map.of());
        }
        Tenant tenant = new Tenant("stockuser", "Stock user", new Tenant.OdooConnection(copy.url, copy.db, login,
                new Secret("stock-user-" + major())), "0 * * * * ?", Tenant.Pull.defaults(100, List.of(
                "res.company", "stock.quant")), ZoneId.of("UTC"), java.util.Optional.empty(),
                java.nio.file.Path.of("stockuser.yaml"));
        OdooConnections connections = new OdooConnections(new TenantRegistry(Map.of("stockuser", tenant)),
                MappingCatalog.load(java.nio.file.Path.of("mappings")), RetryPolicy.DEFAULT, Duration.ofSeconds(30),
                DataSize.ofMegabytes(64), wait -> { });

        OdooConnections.Connection connection = connections.get("stockuser");

        assertThat(connection.readableFields("stock.quant")).contains("quantity").doesNotContain("value");
        assertThat(connection.unread("stock.quant", "stockValue")).isEqualTo("the integration user may not read "
                + "stock.quant.value (group Inventory / Administrator (stock.group_stock_manager))");
        assertThat(connection.unread("stock.quant", "onHand")).isNull();
        // The pull's read goes through with the fields left.
        assertThat(connection.client().searchRead("stock.quant", List.of(), connection.readableFields("stock.quant"),
                "id asc", 5, connection.context())).isNotEmpty();
    }

    private static void compare(JsonNode snapshot, String id, String currency, BigDecimal odoo,
                                List<String> differences) {
        JsonNode card = card(snapshot, id, currency);
        if (card == null || odoo.compareTo(new BigDecimal(card.path("value").asText())) != 0) {
            differences.add(id + " " + currency + ": pushed " + (card == null ? "nothing" : card.path("value")
                    .asText()) + ", Odoo " + odoo.toPlainString());
        }
    }

    private static JsonNode card(JsonNode snapshot, String id, String currency) {
        for (JsonNode card : snapshot.path("cards")) {
            if (card.path("id").asText().equals(id) && card.path("currency").asText().equals(currency)) {
                return card;
            }
        }
        return null;
    }

    /** Per company currency, each product's value in internal locations, as Odoo sums its quants. */
    private Map<String, Map<Integer, BigDecimal>> valuePerProduct() {
        Map<Integer, String> currencyOf = new java.util.HashMap<>();
        call("res.company", "search_read", List.of(List.of(), List.of("currency_id")), Map.of()).forEach(c ->
                currencyOf.put(c.path("id").asInt(), c.path("currency_id").path(1).asText()));
        Map<String, Map<Integer, BigDecimal>> values = new TreeMap<>();
        for (JsonNode row : call("stock.quant", "read_group", List.of(List.of(List.of("location_id.usage", "=",
                "internal")), List.of("value:sum"), List.of("company_id", "product_id")), Map.of("lazy", false))) {
            String currency = currencyOf.get(row.path("company_id").path(0).asInt());
            values.computeIfAbsent(currency, c -> new LinkedHashMap<>()).merge(row.path("product_id").path(0).asInt(),
                    new BigDecimal(row.path("value").asText()), BigDecimal::add);
        }
        return values;
    }

    /** The products with a done move out of an internal location in [since, until). */
    private Set<Integer> movedOut(Instant since, Instant until) {
        Set<Integer> moved = new HashSet<>();
        for (JsonNode row : call("stock.move", "read_group", List.of(List.of(List.of("state", "=", "done"),
                List.of("location_id.usage", "=", "internal"), List.of("location_dest_id.usage", "!=", "internal"),
                List.of("date", ">=", WritableCopy.odooTime(since)), List.of("date", "<", WritableCopy.odooTime(until))), List.of(),
                List.of("product_id")), Map.of("lazy", false))) {
            moved.add(row.path("product_id").path(0).asInt());
        }
        return moved;
    }

    private List<String> quantStamps(int product) {
        List<String> stamps = new ArrayList<>();
        call("stock.quant", "search_read", List.of(List.of(List.of("product_id", "=", product)), List.of(
                "write_date")), Map.of("order", "id")).forEach(q -> stamps.add(q.path("id").asText() + "@"
                + q.path("write_date").asText()));
        return stamps;
    }

    private JsonNode call(String model, String method, List<?> args, Map<String, Object> kwargs) {
        return copy.call(model, method, args, kwargs);
    }
}
