package io.odoopulse.canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every mapping file of {@code mappings/}, loaded and validated at start (a bad file stops the start), and picked
 * by the Odoo version detected on the tenant's server, with the tenant's own overrides merged over it.
 */
public final class MappingCatalog {

    private final Map<String, MappingFile> byVersion;
    private final Map<String, Path> filesByVersion;
    private final Map<String, MappingFile> withOverrides = new ConcurrentHashMap<>();

    private MappingCatalog(Map<String, MappingFile> byVersion, Map<String, Path> filesByVersion) {
        this.byVersion = byVersion;
        this.filesByVersion = filesByVersion;
    }

    public static MappingCatalog load(Path dir) {
        Map<String, MappingFile> byVersion = new TreeMap<>();
        Map<String, Path> filesByVersion = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("odoo-.*\\.ya?ml")).sorted().toList()) {
                MappingFile mapping = MappingLoader.load(file);
                byVersion.put(major(mapping.version()), mapping);
                filesByVersion.put(major(mapping.version()), file);
            }
        } catch (IOException e) {
            throw new MappingException(dir + ": cannot list mapping files: " + e.getMessage(), e);
        }
        if (byVersion.isEmpty()) {
            throw new MappingException(dir + ": no mapping files (odoo-<version>.yaml)");
        }
        return new MappingCatalog(byVersion, filesByVersion);
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

    /**
     * The mapping a tenant's records go through: the server version's file with the tenant's override file (its
     * bundle's {@code mapping-overrides}) merged over it.
     *
     * @throws MappingException naming the file and line when the merged mapping is invalid
     */
    public MappingFile forTenant(Optional<Path> overrides, String serverVersion) {
        MappingFile base = forServerVersion(serverVersion);
        if (overrides.isEmpty()) {
            return base;
        }
        String major = major(serverVersion);
        Path overrideFile = overrides.get();
        // Keyed by content too: a live bundle's override edited in place is a new mapping, not the cached one.
        return withOverrides.computeIfAbsent(major + "|" + overrideFile.toAbsolutePath().normalize() + "|"
                + contentDigest(overrideFile), key -> MappingLoader.load(filesByVersion.get(major), overrideFile));
    }

    private static String contentDigest(Path file) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.file.Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.io.IOException e) {
            // Not readable: the loader says so, naming the file.
            return "unreadable";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Merges an override file over every version's file, so that a bad override stops the start rather than the
     * first pull, whatever version the tenant's server turns out to run.
     */
    public void validateOverrides(Path overrides) {
        byVersion.keySet().forEach(major -> forTenant(Optional.of(overrides), major));
    }

    private static String major(String version) {
        String digits = version.replaceFirst("^saas~", "");
        int dot = digits.indexOf('.');
        return dot < 0 ? digits : digits.substring(0, dot);
    }
}
