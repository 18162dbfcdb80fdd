package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The domain language on the recorded 17.0 dataset, checked against counts computed independently here. */
class DomainTest {

    static OdooDatabase db;
    static Orm orm17;
    static Orm orm19;
    static Env admin;

    @BeforeAll
    static void load() {
        db = new OdooDatabase(Clock.systemUTC());
        DatasetLoader.load(db, new DatasetSource.Classpath("odoo-contract/17.0/dataset"));
        orm17 = new Orm(db, OdooFlavour.V17);
        orm19 = new Orm(db, OdooFlavour.V19);
        admin = new Env(new User(2, "admin", "admin", null, "Mitchell Admin", 3, 1, List.of(1, 2, 3), java.util.Set.of()), Map.of());
    }

    static int count(String model, List<?> domain) {
        return orm17.searchCount(admin, model, domain, null);
    }

    static long where(String model, java.util.function.Predicate<Map<String, Object>> p) {
        return db.records(model).stream().filter(p).count();
    }

    @Test
    void prefixOrAndNotCombineLikePolishNotation() {
        int draftOrSent = count("sale.order", List.of("|", List.of("state", "=", "draft"), List.of("state", "=", "sent")));
        int notSale = count("sale.order", List.of("!", List.of("state", "=", "sale"), List.of("state", "!=", "cancel")));

        assertThat(draftOrSent).isEqualTo(where("sale.order", r -> List.of("draft", "sent").contains(r.get("state"))));
        assertThat(notSale).isEqualTo(draftOrSent);
    }

    @Test
    void notEqualAndNotInIncludeEmptyValuesLikeSql() {
        long withoutRef = where("sale.order", r -> Boolean.FALSE.equals(r.get("client_order_ref")));
        int notX = count("sale.order", List.of(List.of("client_order_ref", "!=", "X")));

        assertThat(withoutRef).isPositive();
        assertThat(notX).isEqualTo(2040);
        assertThat(count("sale.order", List.of(List.of("client_order_ref", "=", false)))).isEqualTo(withoutRef);
        assertThat(count("sale.order", List.of(List.of("client_order_ref", "not in", List.of("X"))))).isEqualTo(2040);
    }

    @Test
    void likeFamilyUsesSqlWildcardsAndCase() {
        assertThat(count("res.partner", List.of(List.of("name", "ilike", "hansen"))))
                .isEqualTo(where("res.partner", r -> r.get("active").equals(true)
                        && String.valueOf(r.get("name")).toLowerCase().contains("hansen")));
        assertThat(count("res.partner", List.of(List.of("name", "like", "hansen")))).isZero();
        assertThat(count("sale.order", List.of(List.of("name", "=like", "S0000_")))).isEqualTo(9);
        assertThat(count("sale.order", List.of(List.of("name", "=ilike", "s0000%")))).isEqualTo(9);
        assertThat(count("sale.order", List.of(List.of("name", "not ilike", "S0")))).isEqualTo(2040 - count("sale.order",
                List.of(List.of("name", "ilike", "S0"))));
    }

    @Test
    void dottedPathsFollowManyToOneRelations() {
        int eur = count("sale.order", List.of(List.of("currency_id.name", "=", "EUR")));
        assertThat(eur).isEqualTo(where("sale.order", r -> ((List<?>) r.get("currency_id")).get(1).equals("EUR")));
    }

    @Test
    void childOfIncludesTheWholeSubtree() {
        List<Map<String, Object>> categories = db.records("product.category");
        int root = (Integer) categories.stream().filter(c -> "Seed Retail".equals(c.get("name"))).findFirst().orElseThrow().get("id");
        long subtree = categories.stream().filter(c -> String.valueOf(c.get("parent_path")).contains(root + "/")).count();

        assertThat(count("product.category", List.of(List.of("id", "child_of", root)))).isEqualTo(subtree).isGreaterThan(1);
    }

    @Test
    void datetimeValuesAcceptIsoAndDateOnlyStrings() {
        int odoo = count("sale.order", List.of(List.of("date_order", ">=", "2026-11-01 00:00:00")));
        assertThat(count("sale.order", List.of(List.of("date_order", ">=", "2026-11-01T00:00:00Z")))).isEqualTo(odoo);
        assertThat(count("sale.order", List.of(List.of("date_order", ">=", "2026-11-01")))).isEqualTo(odoo);
        // '>' with a bare date means after the end of that day
        assertThat(count("sale.order", List.of(List.of("date_order", ">", "2026-10-31"))))
                .isEqualTo(odoo);
    }

    @Test
    void writeDateEqualityNeedsMicrosecondsBut19ComparesWholeSeconds() {
        Map<String, Object> any = db.records("sale.order").get(0);
        List<Object> sameSecond = List.of(List.of("write_date", "=", any.get("write_date")));

        assertThat(orm17.searchCount(admin, "sale.order", sameSecond, null)).isZero();
        assertThat(orm19.searchCount(admin, "sale.order", sameSecond, null)).isPositive();
    }

    @Test
    void archivedRecordsAreHiddenUnlessActiveTestIsOffOrTheDomainNamesActive() {
        long all = where("product.product", r -> true);
        long active = where("product.product", r -> Boolean.TRUE.equals(r.get("active")));

        assertThat(count("product.product", List.of())).isEqualTo(active).isLessThan((int) all);
        assertThat(orm17.searchCount(new Env(admin.user(), Map.of("active_test", false)), "product.product", List.of(), null))
                .isEqualTo(all);
        assertThat(count("product.product", List.of(List.of("active", "in", List.of(true, false))))).isEqualTo(all);
    }

    @Test
    void allowedCompanyIdsRestrictCompanyBoundRecords() {
        Env euOnly = new Env(admin.user(), Map.of("allowed_company_ids", List.of(3)));
        long eu = where("sale.order", r -> ((List<?>) r.get("company_id")).get(0).equals(3));

        assertThat(orm17.searchCount(euOnly, "sale.order", List.of(), null)).isEqualTo(eu);
    }

    @Test
    void nonStoredVariantImageIsIgnoredBefore19AndRefusedIn19() {
        List<Object> noImage = List.of(List.of("image_1920", "=", false));
        assertThat(count("product.product", noImage)).isEqualTo(count("product.product", List.of()));
        assertThatThrownBy(() -> orm19.searchCount(admin, "product.product", noImage, null))
                .isInstanceOf(OdooException.class).hasMessageContaining("not stored");
        assertThat(count("product.product", List.of(List.of("product_tmpl_id.image_1920", "=", false))))
                .isLessThan(count("product.product", List.of()));
    }

    @Test
    void invalidOperatorsShapesAndFieldsRaiseOdoosValueErrors() {
        assertThatThrownBy(() -> count("sale.order", List.of(List.of("name", "like-ish", "S0"))))
                .hasMessageContaining("Invalid leaf ('name', 'like-ish', 'S0')");
        assertThatThrownBy(() -> count("sale.order", List.of(List.of("name", "="))))
                .hasMessageContaining("not enough values to unpack (expected 3, got 2)");
        assertThatThrownBy(() -> count("sale.order", List.of(List.of("nope", "=", 1))))
                .hasMessageContaining("Invalid field sale.order.nope in leaf ('nope', '=', 1)");
    }

    @Test
    void orderSupportsSeveralKeysDirectionsAndManyToOneByTheComodelsOrder() {
        List<Map<String, Object>> rows = orm17.searchRead(admin, "sale.order", List.of(), List.of("state", "amount_total"), 0, null,
                "state desc, amount_total asc");
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> r : rows) keys.add(r.get("state") + String.format("%015.2f", (Double) r.get("amount_total")));
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(java.util.Comparator.comparing((String k) -> k.substring(0, k.length() - 15)).reversed()
                .thenComparing(k -> k.substring(k.length() - 15)));
        assertThat(keys).isEqualTo(sorted);
    }
}
