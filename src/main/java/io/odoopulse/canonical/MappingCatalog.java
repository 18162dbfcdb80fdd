package io.odoopulse.canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every mapping file of {@code mappings/}, loaded and validated at start (a bad file stops the start), and picked
 * by the Odoo version detected on the tenant's server.
 */
public final class MappingCatalog {

    private final Map<String, MappingFile> byVersion;

    private MappingCatalog(Map<String, MappingFile> byVersion) {
        this.byVersion = byVersion;
    }

    public static MappingCatalog load(Path dir) {
        Map<String, MappingFile> byVersion = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("odoo-.*\\.ya?ml")).sorted().toList()) {
                MappingFile mapping = MappingLoader.load(file);
                byVersion.put(major(mapping.version()), mapping);
            }
        } catch (IOException e) {
            throw new MappingException(dir + ": cannot list mapping files: " + e.getMessage(), e);
        }
        if (byVersion.isEmpty()) {
            throw new MappingException(dir + ": no mapping files (odoo-<version>.yaml)");
        }
        return new MappingCatalog(byVersion);
    }

    /** @param serverVersion Odoo's {@code server_version}, e.g. {@code 17.0} or {@code saas~17.4} */
    public MappingFile forServerVersion(String serverVersion) {
        String major = major(serverVersion);
        MappingFile file = byVersion.get(major);
        if (file == null) {
            throw new MappingException("no mapping file for Odoo " + serverVersion + " (have versions "
                    + byVersion.keySet() + ")");
        }
        return file;
    }

    private static String major(String version) {
        String digits = version.replaceFirst("^saas~", "");
        int dot = digits.indexOf('.');
        return dot < 0 ? digits : digits.substring(0, dot);
    }
}
