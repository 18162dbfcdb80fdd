package io.odoopulse.demo.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Loads a recorded export ({@code manifest.json}, {@code <model>.fields.json}, {@code <model>.jsonl.gz}) into a
 * database. {@code write_date_us}/{@code create_date_us} restore the microseconds the API hides.
 */
final class DatasetLoader {

    /** Where the files come from: a folder or a classpath prefix. */
    private interface Source {
        InputStream open(String name) throws IOException;
    }

    private DatasetLoader() {}

    static void load(OdooDatabase db, DatasetSource source) {
        load(db, source, null);
    }

    /** With a flavour, every model's fields get all the attributes that version's fields_get gives them. */
    static void load(OdooDatabase db, DatasetSource source, OdooFlavour flavour) {
        Source src;
        if (source instanceof DatasetSource.Recorded r) {
            src = name -> Files.newInputStream(r.dir().resolve(name));
        } else if (source instanceof DatasetSource.Classpath c) {
            String dir = c.resourceDir().endsWith("/") ? c.resourceDir() : c.resourceDir() + "/";
            String base = dir.startsWith("/") ? dir.substring(1) : dir;
            src = name -> {
                InputStream in = DatasetLoader.class.getClassLoader().getResourceAsStream(base + name);
                if (in == null) throw new IOException("classpath resource not found: " + base + name);
                return in;
            };
        } else {
            throw new IllegalArgumentException("not a recorded dataset: " + source);
        }
        try {
            Map<String, Object> manifest;
            try (InputStream in = src.open("manifest.json")) {
                manifest = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (manifest.get("companies") instanceof List<?> companies) db.userCompanies(Domain.ids(companies));
            @SuppressWarnings("unchecked")
            Map<String, Object> models = (Map<String, Object>) manifest.get("models");
            for (String model : models.keySet()) {
                ModelMeta meta;
                try (InputStream in = src.open(model + ".fields.json")) {
                    meta = metaFrom(model, in);
                }
                if (flavour != null) meta = ServerMeta.complete(meta, flavour);
                db.addModel(meta);
                List<Map<String, Object>> records = new ArrayList<>();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(src.open(model + ".jsonl.gz")), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isBlank()) records.add(Json.parseObject(line));
                    }
                }
                db.writeLocked(() -> {
                    Table t = db.table(model);
                    for (Map<String, Object> rec : records) insertRecorded(t, rec);
                    return null;
                });
            }
            loadUnitValues(db, src);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load dataset " + source, e);
        }
    }

    /**
     * Stock valuation is computed, not exported: {@code stock.quant.unit_value.json}, when the dataset has it, gives
     * each product's value per unit in each company as the recorded server valued it.
     */
    @SuppressWarnings("unchecked")
    private static void loadUnitValues(OdooDatabase db, Source src) throws IOException {
        InputStream in;
        try {
            in = src.open("stock.quant.unit_value.json");
        } catch (IOException absent) {
            return;
        }
        try (in) {
            Map<String, Object> file = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (Object entry : (List<Object>) file.get("unit_values")) {
                Map<String, Object> unit = (Map<String, Object>) entry;
                db.unitValue(((Number) unit.get("product_id")).intValue(), ((Number) unit.get("company_id")).intValue(),
                        ((Number) unit.get("unit_value")).doubleValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    static ModelMeta metaFrom(String model, InputStream in) throws IOException {
        Map<String, Object> raw = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        Map<String, Map<String, Object>> fields = new java.util.TreeMap<>();
        raw.forEach((k, v) -> fields.put(k, (Map<String, Object>) v));
        return new ModelMeta(model, fields);
    }

    /** Stores one exported record; "<field>_us" siblings carry the full-precision datetime. */
    static void insertRecorded(Table t, Map<String, Object> rec) {
        for (String k : rec.keySet()) {
            if (!k.endsWith("_us") || !rec.containsKey(k.substring(0, k.length() - 3))) t.column(k);
        }
        Object[] row = t.newRow(((Number) rec.get("id")).intValue());
        for (Map.Entry<String, Object> e : rec.entrySet()) {
            String k = e.getKey();
            if ("id".equals(k)) continue;
            if (k.endsWith("_us") && rec.containsKey(k.substring(0, k.length() - 3))) continue;
            int col = t.columnIndex(k);
            Object v = e.getValue();
            if (t.isDatetime(col) && v instanceof String s) {
                Object us = rec.get(k + "_us");
                v = us instanceof String u ? Times.parseMicros(u) : Times.parseMicros(s);
            } else if (v instanceof List<?> l) {
                v = java.util.Collections.unmodifiableList(new ArrayList<>(l));
            }
            row[col] = v;
        }
        t.insert(row);
    }
}
