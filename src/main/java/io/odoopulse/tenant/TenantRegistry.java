package io.odoopulse.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The tenants this instance serves, read once at start from one YAML file per tenant. */
public class TenantRegistry {

    private final Map<String, Tenant> tenants;

    public TenantRegistry(Map<String, Tenant> tenants) {
        this.tenants = Map.copyOf(tenants);
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

    private static List<Path> bundleFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted().toList());
        } catch (IOException e) {
            throw new TenantConfigException(dir + ": cannot list tenant bundles: " + e.getMessage(), e);
        }
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
