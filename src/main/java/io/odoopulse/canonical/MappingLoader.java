package io.odoopulse.canonical;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads and validates a mapping file. Works on the YAML node tree (not a bound object) so that every error can
 * say {@code file:line: key: what is wrong}, which is what an integration team editing the file needs.
 */
public final class MappingLoader {

    private static final Set<String> MODEL_KEYS = Set.of("canonical", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("from", "type", "map", "default", "required");
    private static final Set<String> FILE_KEYS = Set.of("source", "version", "models");

    private MappingLoader() {
    }

    public static MappingFile load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
            return read(file.toString(), root);
        } catch (MarkedYAMLException e) {
            throw new MappingException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem(), e);
        } catch (IOException e) {
            throw new MappingException(file + ": cannot read mapping file: " + e.getMessage(), e);
        }
    }

    private static MappingFile read(String file, Node root) {
        MappingNode top = mapping(file, root, "the file");
        Map<String, Node> keys = entries(file, top, FILE_KEYS, "top level");
        String source = scalar(file, require(file, top, keys, "source"), "source");
        String version = scalar(file, require(file, top, keys, "version"), "version");
        MappingNode models = mapping(file, require(file, top, keys, "models"), "models");
        Map<String, ModelMapping> byModel = new LinkedHashMap<>();
        for (NodeTuple tuple : models.getValue()) {
            String model = scalar(file, tuple.getKeyNode(), "models");
            byModel.put(model, readModel(file, model, mapping(file, tuple.getValueNode(), "models." + model)));
        }
        return new MappingFile(file, source, version, byModel);
    }

    private static ModelMapping readModel(String file, String model, MappingNode node) {
        Map<String, Node> keys = entries(file, node, MODEL_KEYS, "models." + model);
        Node canonicalNode = require(file, node, keys, "canonical");
        String canonical = scalar(file, canonicalNode, "models." + model + ".canonical");
        Class<? extends Record> type = CanonicalTypes.byName(canonical);
        if (type == null) {
            throw error(file, canonicalNode, "models." + model + ".canonical", "unknown canonical type '" + canonical
                    + "' (known: " + CanonicalTypes.names() + ")");
        }
        Map<String, Class<?>> components = new LinkedHashMap<>();
        Arrays.stream(type.getRecordComponents())
                .filter(c -> !ModelMapping.IDENTITY_FIELDS.contains(c.getName()))
                .forEach(c -> components.put(c.getName(), c.getType()));
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        MappingNode fields = mapping(file, require(file, node, keys, "fields"), "models." + model + ".fields");
        for (NodeTuple tuple : fields.getValue()) {
            String field = scalar(file, tuple.getKeyNode(), "models." + model + ".fields");
            String path = "models." + model + ".fields." + field;
            Class<?> target = components.get(field);
            if (target == null) {
                throw error(file, tuple.getKeyNode(), path, "unknown canonical field '" + field + "' of " + canonical
                        + " (known: " + components.keySet() + ")");
            }
            rules.put(field, readRule(file, path, field, target, tuple.getValueNode()));
        }
        return new ModelMapping(model, type, rules, file);
    }

    private static FieldRule readRule(String file, String path, String field, Class<?> target, Node node) {
        MappingNode rule = mapping(file, node, path);
        Map<String, Node> keys = entries(file, rule, FIELD_KEYS, path);
        String from = scalar(file, require(file, rule, keys, "from"), path + ".from");
        FieldKind kind = FieldKind.VALUE;
        if (keys.containsKey("type")) {
            String typeName = scalar(file, keys.get("type"), path + ".type");
            kind = FieldKind.fromYaml(typeName);
            if (kind == null) {
                throw error(file, keys.get("type"), path + ".type", "unknown type '" + typeName + "' (known: "
                        + FieldKind.allowed() + ")");
            }
        }
        Map<String, String> valueMap = new LinkedHashMap<>();
        if (keys.containsKey("map")) {
            for (NodeTuple entry : mapping(file, keys.get("map"), path + ".map").getValue()) {
                String sourceValue = scalar(file, entry.getKeyNode(), path + ".map");
                String canonicalValue = scalar(file, entry.getValueNode(), path + ".map." + sourceValue);
                if (target.isEnum() && !enumNames(target).contains(canonicalValue.toUpperCase(java.util.Locale.ROOT))) {
                    throw error(file, entry.getValueNode(), path + ".map." + sourceValue, "'" + canonicalValue
                            + "' is not a " + target.getSimpleName() + " value (known: "
                            + enumNames(target).toString().toLowerCase(java.util.Locale.ROOT) + ")");
                }
                valueMap.put(sourceValue, canonicalValue);
            }
        }
        String defaultValue = keys.containsKey("default") ? scalar(file, keys.get("default"), path + ".default") : null;
        boolean required = keys.containsKey("required")
                && Boolean.parseBoolean(scalar(file, keys.get("required"), path + ".required"));
        return new FieldRule(field, from, kind, valueMap, defaultValue, required, target);
    }

    private static Set<String> enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Map<String, Node> entries(String file, MappingNode node, Set<String> allowed, String path) {
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            String key = scalar(file, tuple.getKeyNode(), path);
            if (!allowed.contains(key)) {
                throw error(file, tuple.getKeyNode(), path, "unknown key '" + key + "' (allowed: "
                        + new java.util.TreeSet<>(allowed) + ")");
            }
            result.put(key, tuple.getValueNode());
        }
        return result;
    }

    private static Node require(String file, Node parent, Map<String, Node> keys, String key) {
        Node node = keys.get(key);
        if (node == null) {
            throw error(file, parent, key, "missing required key '" + key + "'");
        }
        return node;
    }

    private static MappingNode mapping(String file, Node node, String path) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(file, node, path, "expected a mapping (key: value lines)");
    }

    private static String scalar(String file, Node node, String path) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(file, node, path, "expected a single value");
    }

    private static MappingException error(String file, Node node, String path, String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        return new MappingException(file + ":" + line + ": " + path + ": " + message);
    }

}
