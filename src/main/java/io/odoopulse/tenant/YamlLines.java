package io.odoopulse.tenant;

import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Finds the line of a key path in a YAML text, for error messages that point at the offending line. */
final class YamlLines {

    private YamlLines() {
    }

    /** @return the 1-based line of the deepest key of {@code path} that exists, 0 if none does */
    static int lineOf(String yaml, List<String> path) {
        Node node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(yaml));
        int line = 0;
        for (String key : path) {
            if (!(node instanceof MappingNode mapping)) {
                break;
            }
            Node next = null;
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    line = scalar.getStartMark().getLine() + 1;
                    next = tuple.getValueNode();
                }
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return line;
    }
}
