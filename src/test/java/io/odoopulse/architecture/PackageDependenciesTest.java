package io.odoopulse.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages follow the stages of the flow and depend one way: no two packages import each other, directly or
 * through others (read from the sources, so a fully qualified name counts as much as an import).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/odoopulse");
    private static final Pattern REFERENCE = Pattern.compile("io\\.odoopulse\\.([a-z]+)\\.");

    @Test
    void noPackageDependsOnItselfThroughAnother() throws IOException {
        Map<String, Set<String>> uses = uses();
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            for (String reached : reachable(uses, start)) {
                if (reachable(uses, reached).contains(start) && start.compareTo(reached) < 0) {
                    cycles.add(start + " <-> " + reached);
                }
            }
        }
        assertThat(cycles).as("packages that depend on each other, given %s", uses).isEmpty();
    }

    @Test
    void theOdooClientKnowsNothingOfPullsTicksOrKpis() throws IOException {
        assertThat(reachable(uses(), "odoo")).doesNotContain("pull", "tick", "kpi", "config");
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(uses.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(uses.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String own = relative.getName(0).toString();
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(own)) {
                        uses.computeIfAbsent(own, p -> new TreeSet<>()).add(matcher.group(1));
                    }
                }
            }
        }
        return uses;
    }
}
