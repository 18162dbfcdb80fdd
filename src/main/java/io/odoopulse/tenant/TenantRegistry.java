package io.odoopulse.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The tenants this instance serves, one per bundle: a YAML file {@code <dir>/<id>.yaml} or a folder
 * {@code <dir>/<name>/tenant.yaml}. Bundles deployed while the application runs are put and removed here
 * (LiveBundles, package bundle); everything that looks a tenant up by id sees the current bundle.
 */
public class TenantRegistry {

    /** The file that makes a folder of the tenants directory a bundle. */
    public static final String FOLDER_BUNDLE_FILE = "tenant.yaml";

    private final Map<String, Tenant> tenants;

    public TenantRegistry(Map<String, Tenant> tenants) {
        this.tenants = new ConcurrentHashMap<>(tenants);
    }

    /** Loads every {@code *.yaml} in {@code dir}; a bad file fails the start with its name, two files with one id too. */
    public static TenantRegistry load(Path dir, TenantLoader loader) {
        Map<String, Tenant> byId = new LinkedHashMap<>();
        for (Path file : bundleFiles(dir)) {
            loader.load(file).ifPresent(tenant -> {
                Tenant clash = byId.putIfAbsent(tenant.id(), tenant);
                if (clash != null) {
                    throw new TenantConfigException(file + ": tenant id '" + tenant.id() + "' is already used by "
                            + clash.source());
                }
            });
        }
        return new TenantRegistry(byId);
    }

    /** Every bundle of the directory: its {@code *.yaml} files and the {@code tenant.yaml} of its folders. */
    public static List<Path> bundleFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.map(f -> Files.isDirectory(f) ? f.resolve(FOLDER_BUNDLE_FILE) : f)
                    .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted().toList());
        } catch (IOException e) {
            throw new TenantConfigException(dir + ": cannot list tenant bundles: " + e.getMessage(), e);
        }
    }

    /** A bundle deployed or changed while running: its tenant replaces the one of the same id. */
    public void put(Tenant tenant) {
        tenants.put(tenant.id(), tenant);
    }

    /** A bundle removed while running. */
    public void remove(String id) {
        tenants.remove(id);
    }

    public Collection<Tenant> all() {
        return tenants.values();
    }

    public boolean contains(String id) {
        return tenants.containsKey(id);
    }

    public Tenant get(String id) {
        Tenant tenant = tenants.get(id);
        if (tenant == null) {
            throw new IllegalArgumentException("unknown tenant '" + id + "'");
        }
        return tenant;
    }
}
