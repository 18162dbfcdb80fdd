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
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.CanonicalTypes;
import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.audit.OdooFigure;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.kpi.OdooQuery;
import io.odoopulse.odoo.OdooClient;
import io.odoopulse.odoo.OdooConnections;
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
    @Autowired
    OdooConnections connections;

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

    /**
     * The audit checks asked of the real Odoo now: a check that one call gives (a count) equals that call's answer;
     * the credit-note share equals the credit notes' summed amount_total_signed over the invoices', both from Odoo's
     * read_group on the card's own domain.
     */
    @Test
    void theAuditChecksEqualWhatTheRealOdooAnswersNow() throws Exception {
        awaitFullLoad();
        String tenant = tenant();
        // A snapshot taken after the last model finished holds every model's records.
        java.time.Instant loaded = java.time.Instant.now();
        await().atMost(Duration.ofMinutes(1)).until(() -> inbox.latest(tenant).filter(s -> java.time.Instant.parse(
                s.path("generatedAt").asText()).isAfter(loaded)).isPresent());
        JsonNode latest = inbox.latest(tenant).orElseThrow();
        OdooClient client = connections.get(tenant).client();
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        List<String> wrong = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (JsonNode card : latest.path("cards")) {
            if (!card.path("section").asText().startsWith("audit-")) {
                continue;
            }
            OdooQuery how = json.treeToValue(card.path("how"), OdooQuery.class);
            BigDecimal value = card.path("value").isNull() ? null : new BigDecimal(card.path("value").asText());
            BigDecimal odoo;
            if (card.path("id").asText().equals("audit-credit-note-share")) {
                BigDecimal credited = OdooFigure.answer(client, ofType(how, "out_refund")).abs();
                BigDecimal invoiced = OdooFigure.answer(client, ofType(how, "out_invoice"));
                odoo = invoiced.signum() == 0 ? null : credited.divide(invoiced, 4, java.math.RoundingMode.HALF_EVEN);
            } else if (how.note() == null && OdooFigure.answerable(how)) {
                odoo = OdooFigure.answer(client, how);
            } else {
                continue;
            }
            checked.add(card.path("id").asText());
            if (value == null ? odoo != null : odoo == null || odoo.compareTo(value) != 0) {
                wrong.add(card.path("id").asText() + " " + card.path("currency").asText() + ": pushed " + value
                        + ", Odoo " + odoo);
            }
        }
        assertThat(checked).contains("audit-credit-note-share", "audit-negative-quants");
        assertThat(wrong).isEmpty();
    }

    private static OdooQuery ofType(OdooQuery how, String moveType) {
        List<Object> domain = new ArrayList<>(how.domain());
        domain.add(List.of("move_type", "=", moveType));
        return new OdooQuery(how.model(), how.method(), domain, how.fields(), how.groupby(), how.kwargs(),
                how.context(), null, null);
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
