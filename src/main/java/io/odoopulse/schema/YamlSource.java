package io.odoopulse.schema;

import java.io.StringReader;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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

/**
 * A YAML file read twice over the same text: as Jackson's tree (what the schema validates and the loaders bind) and
 * as SnakeYAML's node tree, which keeps where each key and value stands, so that a problem found on the tree by
 * its path is reported at its line and column.
 */
public final class YamlSource {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 1;
            int column = e.getLocation() != null ? e.getLocation().getColumnNr() : 1;
            throw new ProblemException(new Problem(file, line, column, "not valid YAML: " + e.getOriginalMessage()));
        }
        if (nodes == null || tree == null || !tree.isObject()) {
            throw new ProblemException(new Problem(file, 1, 1, "the file is empty or not a mapping of keys"));
        }
        return new YamlSource(file, nodes, tree);
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
