package io.odoopulse.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Records exported from a real Odoo (src/test/resources/odoo-contract/<version>/dataset), as its API returned them. */
public final class RecordedDataset {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RecordedDataset() {
    }

    public static List<Map<String, Object>> records(String version, String model) {
        String resource = "/odoo-contract/" + version + "/dataset/" + model + ".jsonl.gz";
        try (InputStream raw = RecordedDataset.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("no recorded dataset " + resource);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                    StandardCharsets.UTF_8));
            List<Map<String, Object>> records = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                records.add(JSON.readValue(line, new TypeReference<>() {}));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The records as {@code search_read} on the live server returns them when asked for the fields a mapping reads.
     * The export holds stored columns only; the API also returns fields Odoo delegates or relates to another record,
     * so those are filled here from the recorded record they live on:
     * <ul>
     * <li>product.product: the template's fields (_inherits product.template); {@code image_128} as a stand-in
     *     image when the exporter recorded {@code has_image}; {@code currency_id} as Odoo computes it (the
     *     template's company currency, else the main company's);</li>
     * <li>account.payment before 18: name, date, journal, state and company of its journal entry (_inherits);</li>
     * <li>stock.move: {@code location_usage} and {@code location_dest_usage} (related to the locations' usage);</li>
     * <li>stock.quant: {@code value} as the recorded server valued it (zero outside internal locations).</li>
     * </ul>
     */
    public static List<Map<String, Object>> apiRecords(String version, String model) {
        List<Map<String, Object>> records = records(version, model);
        switch (model) {
            case "product.product" -> {
                Map<Long, Map<String, Object>> templates = byId(version, "product.template");
                Map<Long, Map<String, Object>> companies = byId(version, "res.company");
                Object mainCurrency = companies.get(companies.keySet().stream().min(Long::compare).orElseThrow())
                        .get("currency_id");
                for (Map<String, Object> product : records) {
                    Map<String, Object> template = templates.get(id(product.get("product_tmpl_id")));
                    template.forEach(product::putIfAbsent);
                    product.put("image_128", Boolean.TRUE.equals(product.get("has_image")) ? "iVBORw0KGgo=" : false);
                    Object company = template.get("company_id");
                    product.put("currency_id", company instanceof List<?> ? companies.get(id(company))
                            .get("currency_id") : mainCurrency);
                }
            }
            case "account.payment" -> {
                if (!records.isEmpty() && !records.get(0).containsKey("date")) {
                    Map<Long, Map<String, Object>> moves = byId(version, "account.move");
                    for (Map<String, Object> payment : records) {
                        Map<String, Object> move = moves.get(id(payment.get("move_id")));
                        for (String field : List.of("name", "date", "journal_id", "state", "company_id")) {
                            payment.putIfAbsent(field, move.get(field));
                        }
                    }
                }
            }
            case "stock.move" -> {
                Map<Long, Map<String, Object>> locations = byId(version, "stock.location");
                for (Map<String, Object> move : records) {
                    move.put("location_usage", locations.get(id(move.get("location_id"))).get("usage"));
                    move.put("location_dest_usage", locations.get(id(move.get("location_dest_id"))).get("usage"));
                }
            }
            case "stock.quant" -> {
                Map<Long, Map<String, Object>> locations = byId(version, "stock.location");
                Map<String, BigDecimal> units = unitValues(version);
                for (Map<String, Object> quant : records) {
                    boolean valued = "internal".equals(locations.get(id(quant.get("location_id"))).get("usage"))
                            && quant.get("company_id") instanceof List<?>;
                    BigDecimal unit = valued ? units.getOrDefault(id(quant.get("product_id")) + "/"
                            + id(quant.get("company_id")), BigDecimal.ZERO) : BigDecimal.ZERO;
                    quant.put("value", valued ? new BigDecimal(quant.get("quantity").toString()).multiply(unit)
                            : BigDecimal.ZERO);
                }
            }
            default -> { }
        }
        return records;
    }

    /**
     * The value per unit each product's stock had in each company on the recorded server ("product/company"):
     * stock.quant.value is computed, not exported, so the dataset carries it apart.
     */
    public static Map<String, BigDecimal> unitValues(String version) {
        String resource = "/odoo-contract/" + version + "/dataset/stock.quant.unit_value.json";
        try (InputStream raw = RecordedDataset.class.getResourceAsStream(resource)) {
            Map<String, BigDecimal> units = new java.util.HashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode unit : JSON.readTree(raw).path("unit_values")) {
                units.put(unit.path("product_id").asLong() + "/" + unit.path("company_id").asLong(),
                        unit.path("unit_value").decimalValue());
            }
            return units;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Long, Map<String, Object>> byId(String version, String model) {
        Map<Long, Map<String, Object>> byId = new java.util.HashMap<>();
        records(version, model).forEach(r -> byId.put(((Number) r.get("id")).longValue(), r));
        return byId;
    }

    private static long id(Object many2one) {
        return ((Number) ((List<?>) many2one).get(0)).longValue();
    }

    public static Map<String, Object> record(String version, String model, long id) {
        return records(version, model).stream()
                .filter(r -> ((Number) r.get("id")).longValue() == id)
                .findFirst().orElseThrow();
    }

    /** The card-feeding models of a recorded database, as a KPI test stores them. */
    public static final List<String> CARD_MODELS = List.of("res.company", "res.currency.rate", "res.partner",
            "product.product", "sale.order", "account.move", "account.payment", "stock.quant", "stock.move");

    /**
     * A fresh H2 store holding a version's recorded records of {@link #CARD_MODELS}, mapped with that version's
     * mapping file, for {@code tenant}.
     */
    public static org.springframework.jdbc.core.JdbcTemplate storedInH2(String version, String tenant) {
        org.springframework.jdbc.core.JdbcTemplate jdbc = TestDatabase.freshH2();
        io.odoopulse.canonical.CanonicalStore store = new io.odoopulse.canonical.CanonicalStore(jdbc);
        io.odoopulse.canonical.MappingFile mappings = io.odoopulse.canonical.MappingLoader.load(
                java.nio.file.Path.of("mappings/odoo-" + version.replace(".0", "") + ".yaml"));
        for (String model : CARD_MODELS) {
            List<Record> records = new ArrayList<>();
            for (Map<String, Object> source : apiRecords(version, model)) {
                Record canonical = mappings.forModel(model).map(tenant, "odoo", version, source);
                if (canonical != null) {
                    records.add(canonical);
                }
            }
            store.storeAll(records);
        }
        return jdbc;
    }
}
