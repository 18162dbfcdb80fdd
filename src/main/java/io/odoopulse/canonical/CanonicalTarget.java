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
