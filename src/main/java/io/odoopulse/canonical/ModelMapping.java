package io.odoopulse.canonical;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How one source model becomes canonical records, as declared in a mapping file: one target, or several told
 * apart by {@code when:} filters. Identity fields (tenant, source system, model, id, version) are filled by the
 * engine, never by the file.
 */
public final class ModelMapping {

    /** Canonical components every record carries and the engine fills itself. */
    public static final Set<String> IDENTITY_FIELDS =
            Set.of("tenant", "sourceSystem", "sourceModel", "sourceId", "sourceVersion");

    private final String sourceModel;
    private final List<CanonicalTarget> targets;
    private final String file;

    ModelMapping(String sourceModel, List<CanonicalTarget> targets, String file) {
        this.sourceModel = sourceModel;
        this.targets = List.copyOf(targets);
        this.file = file;
    }

    public String sourceModel() {
        return sourceModel;
    }

    public List<CanonicalTarget> targets() {
        return targets;
    }

    /** The canonical type of the first target (the only one for most models). */
    public Class<? extends Record> canonicalType() {
        return targets.get(0).canonicalType();
    }

    public List<Class<? extends Record>> canonicalTypes() {
        return targets.stream().<Class<? extends Record>>map(CanonicalTarget::canonicalType).toList();
    }

    /**
     * A digest of what this mapping makes of the given fields of an Odoo record: it changes when a rule, a filter or
     * the fields read change (an override edited, an app installed), so the pull knows to read the model again.
     */
    public String fingerprint(List<String> fieldsRead) {
        StringBuilder text = new StringBuilder(sourceModel).append(' ').append(new java.util.TreeSet<>(fieldsRead));
        targets.forEach(t -> text.append("\n--\n").append(t.describe()));
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Odoo fields to request so that every rule and filter can be applied. */
    public List<String> sourceFields() {
        return Stream.concat(Stream.of("id", "write_date"), targets.stream().flatMap(CanonicalTarget::sourceFields))
                .distinct().sorted().toList();
    }

    /**
     * The records some target selects, as an Odoo domain (prefix notation): its {@code when:} filters OR-ed. Empty
     * when a target takes every record. Lets a re-read skip records the mapping would drop anyway (vendor bills).
     */
    public List<Object> selectionDomain() {
        if (targets.stream().anyMatch(t -> t.when().isEmpty())) {
            return List.of();
        }
        List<Object> domain = new java.util.ArrayList<>();
        for (int i = 1; i < targets.size(); i++) {
            domain.add("|");
        }
        for (CanonicalTarget target : targets) {
            for (int i = 1; i < target.when().size(); i++) {
                domain.add("&");
            }
            target.when().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(condition -> domain.add(
                    List.of(condition.getKey(), "in", condition.getValue().stream().sorted().map(ModelMapping::typed)
                            .toList())));
        }
        return domain;
    }

    /** {@code when:} values are compared as text; Odoo compares typed values. */
    private static Object typed(String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf(value);
        }
        return value.matches("-?\\d{1,9}") ? (Object) Integer.valueOf(value) : value;
    }

    /**
     * @return the canonical record, or null when no target's {@code when:} selects the record (e.g. a vendor bill
     *         read with the customer invoices): such a record is not part of the canonical model, not an error
     * @throws UnmappableRecordException naming the model, record id, field and mapping file
     */
    public Record map(String tenant, String sourceSystem, String sourceVersion, Map<String, Object> source) {
        Object id = source.get("id");
        if (!(id instanceof Number number)) {
            throw new UnmappableRecordException(sourceModel + " record without a numeric id: " + id
                    + " (mapping " + file + ")");
        }
        for (CanonicalTarget target : targets) {
            if (target.matches(source)) {
                return target.map(tenant, sourceSystem, sourceVersion, number, source);
            }
        }
        return null;
    }
}
