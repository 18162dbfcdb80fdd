package io.odoopulse.schema;

import java.io.StringReader;
import java.util.List;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file read twice over the same text: as Jackson's tree (what the schema validates and the loaders bind) and
 * as SnakeYAML's node tree, which keeps where each key and value stands, so that a problem found on the tree by
 * its path is reported at its line and column.
 */
public final class YamlSource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private final String file;
    private final Node nodes;
    private final JsonNode tree;

    private YamlSource(String file, Node nodes, JsonNode tree) {
        this.file = file;
        this.nodes = nodes;
        this.tree = tree;
    }

    /** @throws ProblemException at the line and column the text stops being YAML */
    public static YamlSource parse(String file, String text) {
        Node nodes;
        try {
            nodes = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ProblemException(new Problem(file, mark.getLine() + 1, mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem()
                            + (e.getContext() != null ? " (" + e.getContext() + ")" : "")));
        }
        if (nodes == null || !(nodes instanceof MappingNode)) {
            throw new ProblemException(new Problem(file, 1, 1, "the file is empty or not a mapping of keys"));
        }
        return new YamlSource(file, nodes, tree(nodes));
    }

    /**
     * The Jackson tree of the composed nodes (one parse, and aliases such as {@code *usages} resolved, which
     * Jackson's own YAML reader leaves as text). Scalars take their YAML type; timestamps stay text.
     */
    private static JsonNode tree(Node node) {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue()
                        : String.valueOf(tuple.getKeyNode().getStartMark());
                object.set(key, tree(tuple.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            sequence.getValue().forEach(item -> array.add(tree(item)));
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return JSON.nullNode();
        }
        if (Tag.BOOL.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            Object typed = new Yaml(new SafeConstructor(new LoaderOptions())).load(value);
            if (typed instanceof Boolean b) {
                return JSON.booleanNode(b);
            }
            if (typed instanceof Integer number) {
                return JSON.numberNode(number);
            }
            if (typed instanceof Long number) {
                return JSON.numberNode(number);
            }
            if (typed instanceof java.math.BigInteger number) {
                return JSON.numberNode(number);
            }
            if (typed instanceof Double number) {
                try {
                    return JSON.numberNode(new BigDecimal(value.replace("_", ""))); // exact, as written
                } catch (NumberFormatException infinityOrNaN) {
                    return JSON.numberNode(number);
                }
            }
        }
        return JSON.textNode(value);
    }

    public String file() {
        return file;
    }

    /** The Jackson tree; the loaders may change it (placeholders, defaults) before binding it. */
    public JsonNode tree() {
        return tree;
    }

    /** A problem at the key of {@code path} (a list index as its number), or the nearest part of it that exists. */
    public Problem at(List<String> path, String message) {
        Mark mark = mark(path, true);
        return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    /** A problem at the value of {@code path}, or the nearest part of it that exists. */
    public Problem atValue(List<String> path, String message) {
        Mark mark = mark(path, false);
        return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    private Mark mark(List<String> path, boolean key) {
        Node node = nodes;
        Mark found = nodes.getStartMark();
        for (int i = 0; i < path.size(); i++) {
            String step = path.get(i);
            Node next = null;
            Mark keyMark = null;
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(step)) {
                        next = tuple.getValueNode();
                        keyMark = scalar.getStartMark();
                    }
                }
            } else if (node instanceof SequenceNode sequence && step.matches("\\d+")
                    && Integer.parseInt(step) < sequence.getValue().size()) {
                next = sequence.getValue().get(Integer.parseInt(step));
                keyMark = next.getStartMark();
            }
            if (next == null) {
                return found;
            }
            boolean last = i == path.size() - 1;
            found = last && key ? keyMark : next.getStartMark();
            node = next;
        }
        return found;
    }
}
