package io.odoopulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.CanonicalTypes;
import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.kpi.TruthChecks;
import io.odoopulse.pull.PullProgress;
import io.odoopulse.support.RecordedDataset;
import io.odoopulse.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Live: a full load of every mapped model from a real Odoo ends equal, record for record and field for field, to
 * that Odoo's exported dataset mapped independently through the same mapping file; and the cards the whole flow
 * pushes to the Nerve Centre then equal every figure of that Odoo's truth.json.
 */
abstract class LiveFullLoad {

    @Autowired
    CanonicalStore store;
    @Autowired
    PullProgress progress;
    @Autowired
    SnapshotInbox inbox;

    abstract String version();

    private static final List<String> MODELS = List.of("res.company", "res.currency.rate", "res.partner",
            "product.product", "sale.order", "sale.order.line", "account.move", "account.payment", "stock.quant",
            "stock.move");

    String tenant() {
        return "full" + version().replace(".0", "");
    }

    void awaitFullLoad() {
        await().atMost(Duration.ofMinutes(5)).until(() -> progress.all().stream()
                .filter(p -> p.tenant().equals(tenant()) && p.finished()).count() == MODELS.size());
    }

    @Test
    void thePushedCardsEqualTheRealOdoosTruthFileAfterAFullLoad() {
        awaitFullLoad();
        JsonNode truth = TruthChecks.truth(version());
        // Every pull of every model pushes a snapshot, and the models finish at different times: the latest pushed
        // one converges on the whole store, then each later one must hold (the Odoo is read-only meanwhile).
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                TruthChecks.everyCard(TruthChecks.fromPushed(inbox.latest(tenant()).orElseThrow(
                        () -> new AssertionError("nothing pushed for " + tenant()))), truth));
    }

    @Test
    void aFullLoadOfEveryModelEqualsTheExportedDataset() {
        String tenant = tenant();
        List<String> models = MODELS;
        awaitFullLoad();

        // The export goes through the same mapping into a store of its own, so both sides are rounded alike.
        MappingFile mapping = MappingCatalog.load(Path.of("mappings")).forTenant(Optional.empty(), version());
        CanonicalStore exported = new CanonicalStore(TestDatabase.freshH2());
        for (String model : models) {
            List<Record> mapped = new ArrayList<>();
            for (Map<String, Object> source : RecordedDataset.apiRecords(version(), model)) {
                Record record = mapping.forModel(model).map(tenant, "odoo", version(), source);
                if (record != null) {
                    mapped.add(record);
                }
            }
            exported.storeAll(mapped);
        }
        List<String> differences = new ArrayList<>();
        for (Class<? extends Record> type : CanonicalTypes.all()) {
            Map<String, Map<String, Object>> expected = new TreeMap<>();
            exported.all(type, tenant).forEach(r -> expected.put(key(r), comparable(r)));
            Map<String, Map<String, Object>> actual = new TreeMap<>();
            store.all(type, tenant).forEach(r -> actual.put(key(r), comparable(r)));
            if (!expected.keySet().equals(actual.keySet())) {
                differences.add(type.getSimpleName() + ": " + expected.size() + " exported vs " + actual.size()
                        + " pulled");
            }
            expected.forEach((key, fields) -> {
                Map<String, Object> mine = actual.get(key);
                if (mine != null && !mine.equals(fields)) {
                    differences.add(type.getSimpleName() + " " + key + ": exported " + fields + " pulled " + mine);
                }
            });
        }
        assertThat(differences).isEmpty();
    }

    private static String key(Record record) {
        return value(record, "sourceModel") + "#" + value(record, "sourceId");
    }

    /** Components by name, money compared by value (a stored 10.50 equals a mapped 10.5), version ignored. */
    private static Map<String, Object> comparable(Record record) {
        Map<String, Object> fields = new TreeMap<>();
        for (var component : record.getClass().getRecordComponents()) {
            Object v = value(record, component.getName());
            if (v instanceof BigDecimal d) {
                v = d.stripTrailingZeros().toPlainString();
            }
            if (!component.getName().equals("sourceVersion") && !component.getName().equals("tenant")) {
                fields.put(component.getName(), v == null ? "null" : v);
            }
        }
        return fields;
    }

    private static Object value(Record record, String component) {
        try {
            return record.getClass().getMethod(component).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
