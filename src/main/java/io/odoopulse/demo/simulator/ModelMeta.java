package io.odoopulse.demo.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One model's field definitions, as fields_get reports them (the recorded {@code <model>.fields.json}). */
final class ModelMeta {

    final String model;
    final Map<String, Map<String, Object>> fields;

    ModelMeta(String model, Map<String, Map<String, Object>> fields) {
        this.model = model;
        this.fields = new java.util.concurrent.ConcurrentSkipListMap<>(fields);
    }

    /** A field added while the server runs, as Odoo Studio adds an {@code x_studio_} field. */
    void define(String field, Map<String, Object> definition) {
        fields.put(field, Collections.unmodifiableMap(new TreeMap<>(definition)));
    }

    boolean has(String field) { return fields.containsKey(field); }

    String type(String field) {
        Map<String, Object> f = fields.get(field);
        return f == null ? null : (String) f.get("type");
    }

    String relation(String field) {
        Map<String, Object> f = fields.get(field);
        return f == null ? null : (String) f.get("relation");
    }

    boolean stored(String field) {
        Map<String, Object> f = fields.get(field);
        return f != null && !Boolean.FALSE.equals(f.get("store"));
    }

    boolean required(String field) {
        Map<String, Object> f = fields.get(field);
        return f != null && Boolean.TRUE.equals(f.get("required"));
    }

    String label(String field) {
        Map<String, Object> f = fields.get(field);
        return f == null ? field : String.valueOf(f.get("string"));
    }

    static boolean isRelational(String type) {
        return "many2one".equals(type) || "one2many".equals(type) || "many2many".equals(type)
                || "many2one_reference".equals(type);
    }

    static boolean isX2many(String type) {
        return "one2many".equals(type) || "many2many".equals(type);
    }

    /** The value Odoo returns for an empty field of this type. */
    static Object emptyValue(String type) {
        if (type == null) return Boolean.FALSE;
        return switch (type) {
            case "one2many", "many2many" -> java.util.List.of();
            case "integer" -> 0;
            case "float", "monetary" -> 0.0;
            default -> Boolean.FALSE;
        };
    }
}
