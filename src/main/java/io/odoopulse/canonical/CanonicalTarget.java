package io.odoopulse.canonical;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One canonical record type fed by a source model, optionally only for the records a {@code when:} filter selects
 * (Odoo's account.move is an invoice, a credit note or neither depending on its move_type).
 */
public final class CanonicalTarget {

    private final String sourceModel;
    private final Map<String, Set<String>> when;
    private final Class<? extends Record> canonicalType;
    private final Map<String, FieldRule> rules;
    private final String file;
    private final RecordComponent[] components;
    private final Constructor<? extends Record> constructor;

    CanonicalTarget(String sourceModel, Map<String, Set<String>> when, Class<? extends Record> canonicalType,
                    Map<String, FieldRule> rules, String file) {
        this.sourceModel = sourceModel;
        this.when = Map.copyOf(when);
        this.canonicalType = canonicalType;
        this.rules = Map.copyOf(rules);
        this.file = file;
        this.components = canonicalType.getRecordComponents();
        try {
            this.constructor = canonicalType.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record without canonical constructor: " + canonicalType, e);
        }
    }

    public Class<? extends Record> canonicalType() {
        return canonicalType;
    }

    /**
     * What this target does, in a stable text (sorted; the files it came from left out): equal for two mappings that
     * make the same records from the same Odoo record.
     */
    String describe() {
        StringBuilder text = new StringBuilder(canonicalType.getName()).append(" when");
        new java.util.TreeMap<>(when).forEach((field, values) -> text.append(' ').append(field).append('=')
                .append(new java.util.TreeSet<>(values)));
        new java.util.TreeMap<>(rules).forEach((field, rule) -> text.append('\n').append(field).append(" <- ")
                .append(rule.sourceField()).append(' ').append(rule.kind()).append(' ')
                .append(new java.util.TreeMap<>(rule.valueMap())).append(" default=").append(rule.defaultValue())
                .append(" required=").append(rule.required()).append(' ').append(rule.targetType().getName()));
        return text.toString();
    }

    /** Source field to the values it must have for this target to apply; empty = every record. */
    public Map<String, Set<String>> when() {
        return when;
    }

    public Map<String, FieldRule> rules() {
        return rules;
    }

    boolean matches(Map<String, Object> source) {
        for (Map.Entry<String, Set<String>> condition : when.entrySet()) {
            if (!condition.getValue().contains(String.valueOf(source.get(condition.getKey())))) {
                return false;
            }
        }
        return true;
    }

    Stream<String> sourceFields() {
        return Stream.concat(when.keySet().stream(), rules.values().stream().map(FieldRule::sourceField));
    }

    Record map(String tenant, String sourceSystem, String sourceVersion, Number id, Map<String, Object> source) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            args[i] = switch (name) {
                case "tenant" -> tenant;
                case "sourceSystem" -> sourceSystem;
                case "sourceModel" -> sourceModel;
                case "sourceId" -> id.longValue();
                case "sourceVersion" -> sourceVersion;
                case "payload" -> canonicalType == GenericRecord.class ? payload(id, source) : readField(name, id, source);
                default -> readField(name, id, source);
            };
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new UnmappableRecordException(sourceModel + " id " + id + ": cannot build "
                    + canonicalType.getSimpleName() + ": " + e + " (mapping " + file + ")", e);
        }
    }

    /** A generic record's fields, in name order so that an unchanged record has the same payload (and key). */
    private String payload(Number id, Map<String, Object> source) {
        Map<String, Object> fields = new java.util.TreeMap<>();
        rules.keySet().stream().filter(name -> !name.equals("updatedAt"))
                .forEach(name -> fields.put(name, readField(name, id, source)));
        try {
            return PAYLOAD_JSON.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnmappableRecordException(sourceModel + " id " + id + ": cannot write its fields as JSON: "
                    + e.getOriginalMessage() + " (mapping " + file + ")", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper PAYLOAD_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                    .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private Object readField(String name, Number id, Map<String, Object> source) {
        FieldRule rule = rules.get(name);
        if (rule == null) {
            return null;
        }
        try {
            return rule.read(source);
        } catch (UnmappableRecordException e) {
            throw new UnmappableRecordException(sourceModel + " id " + id + ": " + e.getMessage()
                    + " (mapping " + rule.file() + ")", e);
        }
    }

}
