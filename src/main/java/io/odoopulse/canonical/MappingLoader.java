package io.odoopulse.canonical;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.odoopulse.schema.FileSchema;
import io.odoopulse.schema.Problem;
import io.odoopulse.schema.ProblemException;
import io.odoopulse.schema.YamlSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates a mapping file, with what it {@code extends} merged under it and optionally a tenant's override
 * file merged over it (one merge, {@link #merge}). Works on the YAML node tree (not a bound object) so that every
 * error can say {@code file:line:column: key: what is wrong}, which is what an integration team editing the file
 * needs; after a merge each node still knows the file it came from.
 */
public final class MappingLoader {

    // The keys each level allows, as schema/mapping.schema.json declares them.
    private static final Set<String> MODEL_KEYS = schemaKeys("/definitions/target/properties");
    private static final Set<String> FIELD_KEYS = schemaKeys("/definitions/rule/properties");
    private static final Set<String> FILE_KEYS = schemaKeys("/properties");
    private static final Set<String> OVERRIDE_KEYS = Set.of("models");

    private MappingLoader() {
    }

    private static Set<String> schemaKeys(String pointer) {
        Set<String> keys = new TreeSet<>();
        FileSchema.MAPPING.root().at(pointer).fieldNames().forEachRemaining(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    public static MappingFile load(Path file) {
        return load(file, null);
    }

    /**
     * @param overrides a tenant's override file, merged over {@code file} (after its {@code extends}) with the same
     *                  rules as {@code extends} (see {@link #merge}); null = none
     */
    public static MappingFile load(Path file, Path overrides) {
        Source source = new Source(file.toString());
        Node root = resolve(source, file, new ArrayList<>());
        String name = file.toString();
        if (overrides != null) {
            Node overrideRoot = parse(source, overrides);
            entries(source, mapping(source, overrideRoot, "the file"), OVERRIDE_KEYS, "top level");
            merge(source, root, overrideRoot);
            name = file + " + " + overrides;
        }
        return read(source, name, root);
    }

    /** The file's tree with what it {@code extends} (relative to the file, any depth) merged under it. */
    private static Node resolve(Source source, Path file, List<Path> chain) {
        Node root = parse(source, file);
        chain.add(file.toAbsolutePath().normalize());
        MappingNode top = mapping(source, root, "the file");
        NodeTuple extension = find(source, top, "extends");
        if (extension == null) {
            return root;
        }
        String named = scalar(source, extension.getValueNode(), "extends");
        Path parent = file.resolveSibling(named);
        if (chain.contains(parent.toAbsolutePath().normalize())) {
            throw error(source, extension.getValueNode(), "extends", "'" + named + "' extends this file again "
                    + "(a loop)");
        }
        if (!Files.isRegularFile(parent)) {
            throw error(source, extension.getValueNode(), "extends", "no mapping file '" + named + "' beside this "
                    + "one (" + parent + ")");
        }
        Node base = resolve(source, parent, chain);
        List<NodeTuple> rest = new ArrayList<>(top.getValue());
        rest.remove(extension);
        top.setValue(rest);
        merge(source, base, root);
        return base;
    }

    /** Checks the file alone against schema/mapping.schema.json, then composes its node tree. */
    private static Node parse(Source source, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new MappingException(file + ": cannot read mapping file: " + e.getMessage(), e);
        }
        try {
            List<Problem> problems = FileSchema.MAPPING.check(YamlSource.parse(file.toString(), text));
            if (!problems.isEmpty()) {
                throw new MappingException(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
            }
        } catch (ProblemException e) {
            throw new MappingException(e.getMessage(), e);
        }
        Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(text));
        source.mark(file.toString(), root);
        return root;
    }

    // ---- extends and overrides -------------------------------------------------------------------------------

    /**
     * Merges {@code diff} (a file that {@code extends} another, or a tenant's override file) into {@code base}:
     * <ul>
     * <li>{@code source}, {@code version}: replaced when given;</li>
     * <li>a model: its keys ({@code canonical}, {@code when}) replaced, its {@code fields} merged field by field:
     *     a field's rule is replaced whole (no stale {@code map} or {@code default} survives), a new field added,
     *     a field set to {@code ~} (null) removed;</li>
     * <li>a model given as a list of targets: each target of the diff merged into the base's target of the same
     *     {@code canonical} type, or added;</li>
     * <li>a model the base lacks is added; a model set to {@code ~} is removed; a change of shape (one target to
     *     several) takes the diff's entry whole.</li>
     * </ul>
     * Order is kept: a replaced entry stays where the base had it, a new one goes last.
     */
    private static void merge(Source source, Node baseRoot, Node diffRoot) {
        MappingNode diffTop = mapping(source, diffRoot, "the file");
        Map<String, Node> keys = entries(source, diffTop, FILE_KEYS, "top level");
        MappingNode baseTop = mapping(source, baseRoot, "the file");
        MappingNode baseModels = mapping(source, require(source, baseTop,
                entries(source, baseTop, FILE_KEYS, "top level"), "models"), "models");
        for (NodeTuple entry : diffTop.getValue()) {
            if (!scalar(source, entry.getKeyNode(), "top level").equals("models")) {
                put(source, baseTop, entry);
            }
        }
        if (!keys.containsKey("models")) {
            return;
        }
        MappingNode diffModels = mapping(source, keys.get("models"), "models");
        for (NodeTuple model : diffModels.getValue()) {
            String name = scalar(source, model.getKeyNode(), "models");
            String path = "models." + name;
            NodeTuple base = find(source, baseModels, name);
            if (isNull(model.getValueNode())) {
                remove(source, baseModels, base, model, path);
            } else if (base != null && base.getValueNode() instanceof MappingNode baseModel
                    && model.getValueNode() instanceof MappingNode diffModel) {
                mergeTarget(source, path, baseModel, diffModel);
            } else if (base != null && base.getValueNode() instanceof SequenceNode baseTargets
                    && model.getValueNode() instanceof SequenceNode diffTargets) {
                mergeTargets(source, path, baseTargets, diffTargets);
            } else {
                put(source, baseModels, model);
            }
        }
    }

    private static void mergeTargets(Source source, String path, SequenceNode base, SequenceNode diff) {
        for (int i = 0; i < diff.getValue().size(); i++) {
            String itemPath = path + "[" + i + "]";
            MappingNode target = mapping(source, diff.getValue().get(i), itemPath);
            Node canonicalNode = require(source, target, entries(source, target, MODEL_KEYS, itemPath), "canonical");
            String canonical = scalar(source, canonicalNode, itemPath + ".canonical");
            MappingNode same = null;
            for (Node candidate : base.getValue()) {
                if (candidate instanceof MappingNode m && find(source, m, "canonical") != null
                        && canonical.equals(scalar(source, find(source, m, "canonical").getValueNode(), path))) {
                    same = m;
                }
            }
            if (same != null) {
                mergeTarget(source, itemPath, same, target);
            } else {
                base.getValue().add(target);
            }
        }
    }

    private static void mergeTarget(Source source, String path, MappingNode base, MappingNode diff) {
        for (NodeTuple entry : diff.getValue()) {
            String key = scalar(source, entry.getKeyNode(), path);
            NodeTuple existing = find(source, base, key);
            if (key.equals("fields") && existing != null && existing.getValueNode() instanceof MappingNode baseFields
                    && entry.getValueNode() instanceof MappingNode diffFields) {
                for (NodeTuple field : diffFields.getValue()) {
                    String fieldPath = path + ".fields." + scalar(source, field.getKeyNode(), path + ".fields");
                    if (isNull(field.getValueNode())) {
                        remove(source, baseFields, find(source, baseFields, scalar(source, field.getKeyNode(),
                                fieldPath)), field, fieldPath);
                    } else {
                        put(source, baseFields, field);
                    }
                }
            } else {
                put(source, base, entry);
            }
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static void remove(Source source, MappingNode node, NodeTuple existing, NodeTuple removal, String path) {
        if (existing == null) {
            throw error(source, removal.getKeyNode(), path, "nothing to remove: the file extended has no such entry");
        }
        List<NodeTuple> tuples = new ArrayList<>(node.getValue());
        tuples.remove(existing);
        node.setValue(tuples);
    }

    private static NodeTuple find(Source source, MappingNode node, String key) {
        for (NodeTuple tuple : node.getValue()) {
            if (key.equals(scalar(source, tuple.getKeyNode(), key))) {
                return tuple;
            }
        }
        return null;
    }

    /** Replaces the entry of the same key where it stands, or adds it last. */
    private static void put(Source source, MappingNode node, NodeTuple entry) {
        String key = scalar(source, entry.getKeyNode(), "key");
        List<NodeTuple> tuples = new ArrayList<>(node.getValue());
        int at = -1;
        for (int i = 0; i < tuples.size(); i++) {
            if (key.equals(scalar(source, tuples.get(i).getKeyNode(), key))) {
                at = i;
            }
        }
        if (at >= 0) {
            tuples.set(at, entry);
        } else {
            tuples.add(entry);
        }
        node.setValue(tuples);
    }

    // ---- validation ------------------------------------------------------------------------------------------

    private static MappingFile read(Source source, String name, Node root) {
        MappingNode top = mapping(source, root, "the file");
        Map<String, Node> keys = entries(source, top, FILE_KEYS, "top level");
        String system = scalar(source, require(source, top, keys, "source"), "source");
        String version = scalar(source, require(source, top, keys, "version"), "version");
        MappingNode models = mapping(source, require(source, top, keys, "models"), "models");
        Map<String, ModelMapping> byModel = new LinkedHashMap<>();
        for (NodeTuple tuple : models.getValue()) {
            String model = scalar(source, tuple.getKeyNode(), "models");
            if (byModel.containsKey(model)) {
                throw error(source, tuple.getKeyNode(), "models." + model, "model mapped twice");
            }
            byModel.put(model, readModel(source, model, tuple.getValueNode()));
        }
        return new MappingFile(name, system, version, byModel);
    }

    private static ModelMapping readModel(Source source, String model, Node node) {
        String path = "models." + model;
        List<CanonicalTarget> targets = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            if (list.getValue().isEmpty()) {
                throw error(source, node, path, "expected at least one canonical target");
            }
            for (int i = 0; i < list.getValue().size(); i++) {
                Node item = list.getValue().get(i);
                MappingNode target = mapping(source, item, path + "[" + i + "]");
                if (list.getValue().size() > 1 && find(source, target, "when") == null) {
                    throw error(source, item, path + "[" + i + "]", "missing key 'when': with several canonical "
                            + "targets each one says which records it takes");
                }
                targets.add(readTarget(source, model, path + "[" + i + "]", target));
            }
        } else {
            targets.add(readTarget(source, model, path, mapping(source, node, path)));
        }
        return new ModelMapping(model, targets, source.of(node));
    }

    private static CanonicalTarget readTarget(Source source, String model, String path, MappingNode node) {
        Map<String, Node> keys = entries(source, node, MODEL_KEYS, path);
        Node canonicalNode = require(source, node, keys, "canonical");
        String canonical = scalar(source, canonicalNode, path + ".canonical");
        Class<? extends Record> type = CanonicalTypes.byName(canonical);
        if (type == null) {
            throw error(source, canonicalNode, path + ".canonical", "unknown canonical type '" + canonical
                    + "' (known: " + CanonicalTypes.names() + ")");
        }
        Map<String, Set<String>> when = keys.containsKey("when") ? readWhen(source, path + ".when", keys.get("when"))
                : Map.of();
        Map<String, Class<?>> components = new LinkedHashMap<>();
        Arrays.stream(type.getRecordComponents())
                .filter(c -> !ModelMapping.IDENTITY_FIELDS.contains(c.getName()))
                .forEach(c -> components.put(c.getName(), c.getType()));
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        MappingNode fields = mapping(source, require(source, node, keys, "fields"), path + ".fields");
        for (NodeTuple tuple : fields.getValue()) {
            String field = scalar(source, tuple.getKeyNode(), path + ".fields");
            String fieldPath = path + ".fields." + field;
            Class<?> target = components.get(field);
            // A generic record takes any field into its payload, typed by the rule's type.
            if (type == GenericRecord.class && !field.equals("updatedAt")) {
                target = field.equals("payload") ? null : Object.class;
            }
            if (target == null) {
                throw error(source, tuple.getKeyNode(), fieldPath, "unknown canonical field '" + field + "' of "
                        + canonical + " (known: " + components.keySet() + ")");
            }
            if (rules.containsKey(field)) {
                throw error(source, tuple.getKeyNode(), fieldPath, "field mapped twice");
            }
            FieldRule rule = readRule(source, fieldPath, field, target, tuple.getValueNode());
            rules.put(field, target == Object.class ? rule.typedByKind() : rule);
        }
        if (type == GenericRecord.class && !rules.containsKey("updatedAt")) {
            throw error(source, node, path + ".fields", "a GenericRecord needs 'updatedAt' (e.g. "
                    + "{ from: write_date, type: datetime, required: true }): it orders versions of a record");
        }
        return new CanonicalTarget(model, when, type, rules, source.of(canonicalNode));
    }

    private static Map<String, Set<String>> readWhen(Source source, String path, Node node) {
        MappingNode conditions = mapping(source, node, path);
        if (conditions.getValue().isEmpty()) {
            throw error(source, node, path, "an empty filter selects every record; remove 'when' instead");
        }
        Map<String, Set<String>> when = new LinkedHashMap<>();
        for (NodeTuple condition : conditions.getValue()) {
            String field = scalar(source, condition.getKeyNode(), path);
            Set<String> values = new LinkedHashSet<>();
            if (condition.getValueNode() instanceof SequenceNode list) {
                for (Node value : list.getValue()) {
                    values.add(scalar(source, value, path + "." + field));
                }
            } else {
                values.add(scalar(source, condition.getValueNode(), path + "." + field));
            }
            if (values.isEmpty()) {
                throw error(source, condition.getValueNode(), path + "." + field, "no value would ever match");
            }
            when.put(field, Collections.unmodifiableSet(values));
        }
        return when;
    }

    private static FieldRule readRule(Source source, String path, String field, Class<?> target, Node node) {
        MappingNode rule = mapping(source, node, path);
        String file = source.of(node);
        Map<String, Node> keys = entries(source, rule, FIELD_KEYS, path);
        String from = scalar(source, require(source, rule, keys, "from"), path + ".from");
        FieldKind kind = FieldKind.VALUE;
        if (keys.containsKey("type")) {
            String typeName = scalar(source, keys.get("type"), path + ".type");
            kind = FieldKind.fromYaml(typeName);
            if (kind == null) {
                throw error(source, keys.get("type"), path + ".type", "unknown type '" + typeName + "' (known: "
                        + FieldKind.allowed() + ")");
            }
            String needs = needs(kind, target);
            if (needs != null) {
                throw error(source, keys.get("type"), path + ".type", "type '" + typeName + "' cannot fill canonical "
                        + "field '" + field + "' of type " + target.getSimpleName() + " (it fills " + needs + ")");
            }
        }
        Map<String, String> valueMap = new LinkedHashMap<>();
        if (keys.containsKey("map")) {
            for (NodeTuple entry : mapping(source, keys.get("map"), path + ".map").getValue()) {
                String sourceValue = scalar(source, entry.getKeyNode(), path + ".map");
                String canonicalValue = scalar(source, entry.getValueNode(), path + ".map." + sourceValue);
                checkCanonicalValue(source, entry.getValueNode(), path + ".map." + sourceValue, field, kind, target,
                        canonicalValue);
                valueMap.put(sourceValue, canonicalValue);
            }
        }
        String defaultValue = null;
        if (keys.containsKey("default")) {
            defaultValue = scalar(source, keys.get("default"), path + ".default");
            checkCanonicalValue(source, keys.get("default"), path + ".default", field, kind, target, defaultValue);
        }
        boolean required = false;
        if (keys.containsKey("required")) {
            String flag = scalar(source, keys.get("required"), path + ".required");
            if (!flag.equals("true") && !flag.equals("false")) {
                throw error(source, keys.get("required"), path + ".required", "'" + flag + "' is not true or false");
            }
            required = Boolean.parseBoolean(flag);
        }
        return new FieldRule(field, from, kind, valueMap, defaultValue, required, target, file);
    }

    /** @return what the kind can fill when it cannot fill {@code target}, else null */
    private static String needs(FieldKind kind, Class<?> target) {
        if (target == Object.class) {
            return null;
        }
        boolean ok = switch (kind) {
            case MONETARY -> target == BigDecimal.class;
            case DATETIME -> target == Instant.class;
            case DATE -> target == LocalDate.class || target == Instant.class;
            case COUNT -> target == Integer.class || target == Long.class || target == BigDecimal.class;
            case PRESENT -> target == Boolean.class;
            case MANY2ONE_ID -> target == Long.class || target == Integer.class || target == String.class;
            case MANY2ONE_NAME -> target == String.class || target.isEnum();
            case VALUE -> true;
        };
        if (ok) {
            return null;
        }
        return switch (kind) {
            case MONETARY -> "BigDecimal";
            case DATETIME -> "Instant";
            case DATE -> "LocalDate or Instant";
            case COUNT -> "Integer, Long or BigDecimal";
            case PRESENT -> "Boolean";
            case MANY2ONE_ID -> "Long, Integer or String";
            default -> "String or an enumeration";
        };
    }

    /** A value map's result and a default are canonical values: they must convert to the canonical field's type. */
    private static void checkCanonicalValue(Source source, Node node, String path, String field, FieldKind kind,
                                            Class<?> target, String value) {
        if (target.isEnum()) {
            Set<String> names = Arrays.stream(target.getEnumConstants()).map(e -> ((Enum<?>) e).name())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!names.contains(value.toUpperCase(Locale.ROOT))) {
                throw error(source, node, path, "'" + value + "' is not a " + target.getSimpleName() + " value (known: "
                        + names.toString().toLowerCase(Locale.ROOT) + ")");
            }
            return;
        }
        if (target == Boolean.class && !value.equals("true") && !value.equals("false")) {
            throw error(source, node, path, "'" + value + "' is not true or false");
        }
        try {
            new FieldRule(field, field, kind == FieldKind.PRESENT ? FieldKind.VALUE : kind, Map.of(), value, false,
                    target, source.of(node)).read(Map.of());
        } catch (UnmappableRecordException e) {
            throw error(source, node, path, "'" + value + "' cannot be read as " + target.getSimpleName());
        }
    }

    private static Map<String, Node> entries(Source source, MappingNode node, Set<String> allowed, String path) {
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            String key = scalar(source, tuple.getKeyNode(), path);
            if (!allowed.contains(key)) {
                throw error(source, tuple.getKeyNode(), path, "unknown key '" + key + "' (allowed: "
                        + new TreeSet<>(allowed) + ")");
            }
            if (result.put(key, tuple.getValueNode()) != null) {
                throw error(source, tuple.getKeyNode(), path, "key '" + key + "' given twice");
            }
        }
        return result;
    }

    private static Node require(Source source, Node parent, Map<String, Node> keys, String key) {
        Node node = keys.get(key);
        if (node == null) {
            throw error(source, parent, key, "missing required key '" + key + "'");
        }
        return node;
    }

    private static MappingNode mapping(Source source, Node node, String path) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(source, node, path, "expected a mapping (key: value lines)");
    }

    private static String scalar(Source source, Node node, String path) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(source, node, path, "expected a single value");
    }

    private static MappingException error(Source source, Node node, String path, String message) {
        String where = node == null ? "0:0" : (node.getStartMark().getLine() + 1) + ":"
                + (node.getStartMark().getColumn() + 1);
        return new MappingException(source.of(node) + ":" + where + ": " + path + ": " + message);
    }

    /** Which file each node was read from, so that errors in a merged tree name the right file and line. */
    private static final class Source {
        private final String base;
        private final Map<Node, String> files = new IdentityHashMap<>();

        Source(String base) {
            this.base = base;
        }

        void mark(String file, Node node) {
            if (files.putIfAbsent(node, file) != null) {
                return; // an alias: the anchored node is already marked
            }
            if (node instanceof MappingNode m) {
                m.getValue().forEach(t -> {
                    mark(file, t.getKeyNode());
                    mark(file, t.getValueNode());
                });
            } else if (node instanceof SequenceNode s) {
                s.getValue().forEach(n -> mark(file, n));
            }
        }

        String of(Node node) {
            return node == null ? base : files.getOrDefault(node, base);
        }
    }
}
