package io.odoopulse.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.odoopulse.canonical.MappingException;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.canonical.MappingLoader;
import io.odoopulse.schema.Problem;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantConfigException;
import io.odoopulse.tenant.TenantLoader;

/**
 * {@code java -jar odoo-pulse.jar validate [--mappings DIR] <bundles dir or bundle>...}: checks tenant bundles
 * offline, as a partner's CI does before deploying them: YAML syntax, the schema (unknown keys, types, ranges),
 * cron, referenced secrets present (placeholders and password files), mapping overrides merged over every mapping
 * file, the pulled models mapped, ids unique; and the mapping files themselves. Every problem is printed as
 * {@code file:line:column: message}.
 * <p>
 * A directory holds bundle files ({@code *.yaml} directly in it) and bundle folders (a folder with a
 * {@code tenant.yaml}). Exit status: 0 all valid, 1 problems found, 2 wrong usage (no such file or directory).
 */
public final class ValidateCommand {

    public static final int VALID = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;

    private ValidateCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path mappingsDir = Path.of(System.getenv().getOrDefault("PULSE_MAPPINGS_DIR", "mappings"));
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--mappings") && i + 1 < args.size()) {
                mappingsDir = Path.of(args.get(++i));
            } else if (args.get(i).startsWith("-")) {
                return usage(err, "unknown option " + args.get(i));
            } else {
                targets.add(Path.of(args.get(i)));
            }
        }
        if (targets.isEmpty()) {
            return usage(err, "name a directory of tenant bundles or a bundle file");
        }
        for (Path target : targets) {
            if (!Files.exists(target)) {
                return usage(err, "no such file or directory: " + target);
            }
        }
        if (!Files.isDirectory(mappingsDir)) {
            return usage(err, "no mappings directory " + mappingsDir + " (give --mappings DIR)");
        }
        Set<String> problems = new LinkedHashSet<>();
        List<Path> mappingFiles = new ArrayList<>();
        Map<Path, MappingFile> mappings = mappingFiles(mappingsDir, mappingFiles, problems);
        TenantLoader loader = BundleCommands.loader(BundleCommands.environment());
        Map<String, Path> ids = new LinkedHashMap<>();
        List<Path> bundles = new ArrayList<>();
        for (Path target : targets) {
            bundles.addAll(Files.isDirectory(target) ? bundlesIn(target) : List.of(target));
        }
        for (Path bundle : bundles) {
            List<Problem> found = loader.check(bundle);
            found.forEach(p -> problems.add(p.toString()));
            if (!found.isEmpty()) {
                continue;
            }
            Optional<Tenant> tenant;
            try {
                tenant = loader.load(bundle);
            } catch (TenantConfigException e) {
                problems.add(e.getMessage());
                continue;
            }
            tenant.ifPresent(t -> {
                Path clash = ids.putIfAbsent(t.id(), bundle);
                if (clash != null) {
                    problems.add(bundle + ":1:1: tenant id '" + t.id() + "' is already used by " + clash);
                }
                checkMappings(t, mappings, problems);
            });
        }
        problems.forEach(out::println);
        out.println(bundles.size() + " bundle" + (bundles.size() == 1 ? "" : "s") + " and " + mappingFiles.size()
                + " mapping file" + (mappingFiles.size() == 1 ? "" : "s") + " checked: " + (problems.isEmpty()
                ? "no problems" : problems.size() + " problem" + (problems.size() == 1 ? "" : "s")));
        return problems.isEmpty() ? VALID : PROBLEMS;
    }

    private static int usage(PrintStream err, String why) {
        err.println("validate: " + why);
        err.println("usage: java -jar odoo-pulse.jar validate [--mappings DIR] <bundles dir or bundle .yaml>...");
        return USAGE;
    }

    /** Bundle files directly in the directory, and bundle folders (holding a tenant.yaml), in name order. */
    static List<Path> bundlesIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().flatMap(entry -> {
                if (Files.isDirectory(entry)) {
                    Path bundle = entry.resolve("tenant.yaml");
                    return Files.isRegularFile(bundle) ? Stream.of(bundle) : Stream.empty();
                }
                return entry.getFileName().toString().matches(".*\\.ya?ml") ? Stream.of(entry) : Stream.empty();
            }).toList();
        } catch (IOException e) {
            throw new TenantConfigException(dir + ": cannot list tenant bundles: " + e.getMessage(), e);
        }
    }

    private static Map<Path, MappingFile> mappingFiles(Path dir, List<Path> listed, Set<String> problems) {
        Map<Path, MappingFile> files = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.filter(f -> f.getFileName().toString().matches("odoo-.*\\.ya?ml")).sorted()
                    .toList()) {
                listed.add(file);
                try {
                    files.put(file, MappingLoader.load(file));
                } catch (MappingException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(dir + ":0:0: cannot list mapping files: " + e.getMessage());
        }
        return files;
    }

    /** The tenant's overrides merged over every version's file, and every model it pulls mapped there. */
    private static void checkMappings(Tenant tenant, Map<Path, MappingFile> mappings, Set<String> problems) {
        Map<String, List<String>> unmapped = new LinkedHashMap<>();
        for (Map.Entry<Path, MappingFile> version : mappings.entrySet()) {
            MappingFile mapping = version.getValue();
            if (tenant.mappingOverrides().isPresent()) {
                try {
                    mapping = MappingLoader.load(version.getKey(), tenant.mappingOverrides().get());
                } catch (MappingException e) {
                    problems.add(e.getMessage());
                    continue;
                }
            }
            for (String model : tenant.pull().models()) {
                if (!mapping.models().containsKey(model)) {
                    unmapped.computeIfAbsent(model, m -> new ArrayList<>())
                            .add(version.getKey().getFileName().toString());
                }
            }
        }
        unmapped.forEach((model, files) -> problems.add(tenant.source() + ":" + modelsLine(tenant.source())
                + ": key 'pull.models': '" + model + "' is not mapped in " + String.join(", ", files)
                + (tenant.mappingOverrides().isPresent() ? " nor in " + tenant.mappingOverrides().get() : "")));
    }

    private static String modelsLine(Path bundle) {
        try {
            Problem at = io.odoopulse.schema.YamlSource.parse(bundle.toString(), Files.readString(bundle))
                    .atValue(List.of("pull", "models"), "");
            return at.line() + ":" + at.column();
        } catch (IOException | RuntimeException e) {
            return "1:1";
        }
    }
}
