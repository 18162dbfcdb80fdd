package io.odoopulse.canonical;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one source model becomes one canonical record type, as declared in a mapping file.
 * Identity fields (tenant, source system, model, id, version) are filled by the engine, never by the file.
 */
public final class ModelMapping {

    /** Canonical components every record carries and the engine fills itself. */
    public static final Set<String> IDENTITY_FIELDS =
            Set.of("tenant", "sourceSystem", "sourceModel", "sourceId", "sourceVersion");

    private final String sourceModel;
    private final Class<? extends Record> canonicalType;
    private final Map<String, FieldRule> rules;
    private final String file;
    private final RecordComponent[] components;
    private final Constructor<? extends Record> constructor;

    ModelMapping(String sourceModel, Class<? extends Record> canonicalType, Map<String, FieldRule> rules, String file) {
        this.sourceModel = sourceModel;
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

    public String sourceModel() {
        return sourceModel;
    }

    public Class<? extends Record> canonicalType() {
        return canonicalType;
    }

    /** The Odoo fields to request so that every rule can be applied. */
    public List<String> sourceFields() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("id", "write_date"),
                        rules.values().stream().map(FieldRule::sourceField))
                .distinct().sorted().toList();
    }

    /**
     * @throws UnmappableRecordException naming the model, record id, field and mapping file
     */
    public Record map(String tenant, String sourceSystem, String sourceVersion, Map<String, Object> source) {
        Object id = source.get("id");
        if (!(id instanceof Number number)) {
            throw new UnmappableRecordException(sourceModel + " record without a numeric id: " + id
                    + " (mapping " + file + ")");
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            args[i] = switch (name) {
                case "tenant" -> tenant;
                case "sourceSystem" -> sourceSystem;
                case "sourceModel" -> sourceModel;
                case "sourceId" -> number.longValue();
                case "sourceVersion" -> sourceVersion;
                default -> readField(name, number, source);
            };
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new UnmappableRecordException(sourceModel + " id " + id + ": cannot build "
                    + canonicalType.getSimpleName() + ": " + e, e);
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
                    + " (mapping " + file + ")", e);
        }
    }
}
