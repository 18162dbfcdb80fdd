package io.odoopulse.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantLoader;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant bundles of {@code pulse.tenants.dir}, followed while the application runs. Each bundle is validated
 * alone: one that fails is rejected with its file and error in the log, the gauge {@code pulse.bundle.invalid} and
 * {@link BundleStatus}, while every other tenant runs on. A bundle that was valid and then breaks keeps its last good
 * version running until it is fixed or removed.
 * <p>
 * A bundle is a file {@code <id>.yaml}, or a folder holding {@code tenant.yaml}, the mapping override file it names
 * and its own routes ({@code routes/*.camel.yaml} or {@code *.camel.yaml}), which run while the bundle does.
 * {@link #reconcile()} (called every few seconds by routes/bundles.camel.yaml) compares each bundle's files with
 * what is running and adds, replaces or removes that tenant's tick route, trigger and routes alone.
 */
public class LiveBundles {

    private static final Logger LOG = LoggerFactory.getLogger(LiveBundles.class);

    /** What Camel must do for a bundle that is deployed, changed or removed. */
    public interface Deployment {
        /** The tenant's tick route and trigger (tick.TickRoutes). */
        void addTick(Tenant tenant);

        void removeTick(String tenant);

        /** The tenant's Odoo connection, so that its next read uses the bundle as it is now. */
        void forgetConnection(String tenant);
    }

    /** One bundle as last read: the fingerprint of its files, and the version running (empty when none is). */
    private record Known(String fingerprint, Optional<Running> running) {}

    /** A bundle's running version: its tenant and the routes of its own it added. */
    private record Running(Tenant tenant, Map<Path, String> routeSources, List<String> routeIds) {}

    private final Path dir;
    private final TenantLoader loader;
    private final Consumer<Path> overridesCheck;
    private final BundleStatus status;
    private final Clock clock;
    private final Map<String, Known> known = new LinkedHashMap<>();
    /** A change seen at one scan, acted on when the next finds the files the same (not caught mid-copy). */
    private final Map<String, String> settling = new java.util.HashMap<>();
    private final TenantRegistry registry = new TenantRegistry(Map.of());
    private CamelContext camel;
    private Deployment deployment;

    /**
     * @param overridesCheck throws when a mapping override file cannot be merged over the mapping files
     */
    public LiveBundles(Path dir, TenantLoader loader, Consumer<Path> overridesCheck, BundleStatus status,
                       Clock clock) {
        this.dir = dir;
        this.loader = loader;
        this.overridesCheck = overridesCheck;
        this.status = status;
        this.clock = clock;
    }

    /** The bundles valid at start; a rejected one is reported and left out, it does not stop the start. */
    public synchronized TenantRegistry loadAtStart() {
        scan();
        return registry;
    }

    /**
     * From now on bundles are followed live; the routes of the folder bundles read at start are added now that
     * Camel runs (their tick routes are added by tick.TickRoutes with the others).
     */
    public synchronized void deploy(CamelContext camel, Deployment deployment) {
        this.camel = camel;
        this.deployment = deployment;
        known.replaceAll((bundle, k) -> k.running().map(r -> {
            try {
                return new Known(k.fingerprint(), Optional.of(new Running(r.tenant(), r.routeSources(),
                        addRoutes(r.routeSources()))));
            } catch (RuntimeException e) {
                reject(bundle, r.tenant().source(), e, Optional.empty());
                deployment.removeTick(r.tenant().id());
                registry.remove(r.tenant().id());
                return new Known(k.fingerprint(), Optional.<Running>empty());
            }
        }).orElse(k));
    }

    /** Brings what runs in line with the bundles on disk, bundle by bundle. */
    public synchronized void reconcile() {
        if (camel == null) {
            return;
        }
        scan();
    }

    private void scan() {
        Map<String, Path> now = new LinkedHashMap<>();
        for (Path file : TenantRegistry.bundleFiles(dir)) {
            now.put(dir.relativize(file).toString().replace('\\', '/'), file);
        }
        settling.keySet().retainAll(now.keySet());
        for (String gone : new ArrayList<>(known.keySet())) {
            if (!now.containsKey(gone)) {
                known.remove(gone).running().ifPresent(running -> {
                    undeploy(running);
                    LOG.info("bundle {} removed: tenant {} stopped", gone, running.tenant().id());
                });
                status.valid(gone);
            }
        }
        now.forEach(this::follow);
    }

    private void follow(String bundle, Path file) {
        Known before = known.get(bundle);
        Optional<Running> running = before != null ? before.running() : Optional.empty();
        String fingerprint = fingerprint(file, running);
        if (before != null && before.fingerprint().equals(fingerprint)) {
            settling.remove(bundle);
            return;
        }
        if (camel != null && !fingerprint.equals(settling.put(bundle, fingerprint))) {
            return;
        }
        settling.remove(bundle);
        try {
            Optional<Tenant> tenant = loader.load(file);
            Map<Path, String> routes = tenant.isPresent() ? routeSources(file) : Map.of();
            if (tenant.isPresent()) {
                checkIdFree(bundle, tenant.get());
                tenant.get().mappingOverrides().ifPresent(overridesCheck);
            }
            Optional<Running> next = swap(running, tenant, routes);
            known.put(bundle, new Known(fingerprint(file, next), next));
            status.valid(bundle);
            if (before != null || camel != null) {
                LOG.info("bundle {} {}: {}", bundle, before == null ? "added" : "changed",
                        next.map(r -> "tenant " + r.tenant().id() + " runs it, with " + r.routeIds().size()
                                + " route(s) of its own").orElse("disabled"));
            }
        } catch (RuntimeException e) {
            known.put(bundle, new Known(fingerprint, running));
            reject(bundle, file, e, running.map(r -> r.tenant().id()));
        }
    }

    private void reject(String bundle, Path file, RuntimeException e, Optional<String> runningTenant) {
        String error = e.getMessage() != null ? e.getMessage() : e.toString();
        LOG.error("bundle {} rejected, {}: {}", bundle, runningTenant.map(t -> "its last good version of tenant " + t
                + " runs on").orElse("not running"), error);
        status.invalid(new BundleStatus.Problem(bundle, file, error, clock.instant(), runningTenant));
    }

    private void checkIdFree(String bundle, Tenant tenant) {
        known.forEach((other, k) -> k.running().filter(r -> !other.equals(bundle))
                .filter(r -> r.tenant().id().equals(tenant.id())).ifPresent(r -> {
                    throw new io.odoopulse.tenant.TenantConfigException(tenant.source() + ": tenant id '" + tenant.id()
                            + "' is already used by " + r.tenant().source());
                }));
    }

    /**
     * Replaces what runs for a bundle. If the new version cannot be started (a route of its own that Camel
     * refuses), the old one is started again and the failure reported.
     */
    private Optional<Running> swap(Optional<Running> old, Optional<Tenant> tenant, Map<Path, String> routes) {
        if (camel == null) {
            tenant.ifPresent(registry::put);
            return tenant.map(t -> new Running(t, routes, List.of()));
        }
        old.ifPresent(this::undeploy);
        try {
            return tenant.map(t -> start(t, routes));
        } catch (RuntimeException e) {
            old.ifPresent(r -> start(r.tenant(), r.routeSources()));
            throw e;
        }
    }

    private Running start(Tenant tenant, Map<Path, String> routes) {
        List<String> ids = addRoutes(routes);
        registry.put(tenant);
        try {
            deployment.addTick(tenant);
        } catch (RuntimeException e) {
            registry.remove(tenant.id());
            removeRoutes(ids);
            throw e;
        }
        return new Running(tenant, routes, ids);
    }

    private void undeploy(Running running) {
        if (camel != null) {
            deployment.removeTick(running.tenant().id());
            removeRoutes(running.routeIds());
            deployment.forgetConnection(running.tenant().id());
        }
        registry.remove(running.tenant().id());
    }

    /** The routes of a folder bundle: {@code routes/*.camel.yaml} and {@code *.camel.yaml} beside tenant.yaml. */
    private static Map<Path, String> routeSources(Path file) {
        if (!file.getFileName().toString().equals(TenantRegistry.FOLDER_BUNDLE_FILE)) {
            return Map.of();
        }
        Map<Path, String> sources = new LinkedHashMap<>();
        for (Path folder : List.of(file.getParent(), file.resolveSibling("routes"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path route : files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted()
                        .toList()) {
                    sources.put(route, Files.readString(route));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(folder + ": cannot read the bundle's routes: " + e.getMessage(), e);
            }
        }
        return sources;
    }

    /** Adds the routes, whole or not at all; their ids are what the files added. */
    private List<String> addRoutes(Map<Path, String> sources) {
        List<String> added = new ArrayList<>();
        for (Map.Entry<Path, String> source : sources.entrySet()) {
            Set<String> before = routeIds();
            try {
                PluginHelper.getRoutesLoader(camel).loadRoutes(
                        ResourceHelper.fromString("file:" + source.getKey(), source.getValue()));
            } catch (Exception e) {
                Set<String> partial = routeIds();
                partial.removeAll(before);
                added.addAll(partial);
                removeRoutes(added);
                throw new IllegalStateException(source.getKey() + ": route not added: " + e.getMessage(), e);
            }
            Set<String> after = routeIds();
            after.removeAll(before);
            added.addAll(after);
        }
        return added;
    }

    private Set<String> routeIds() {
        Set<String> ids = new TreeSet<>();
        for (Route route : camel.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }

    private void removeRoutes(List<String> ids) {
        for (String id : ids) {
            try {
                camel.getRouteController().stopRoute(id, 30, TimeUnit.SECONDS);
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("route {} of a bundle could not be removed: {}", id, e.getMessage());
            }
        }
    }

    /**
     * What a bundle is made of, digested: the bundle file, its folder's every file, and the mapping override file
     * its running version reads (a change there changes the bundle).
     */
    private static String fingerprint(Path file, Optional<Running> running) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> parts = new ArrayList<>();
            if (file.getFileName().toString().equals(TenantRegistry.FOLDER_BUNDLE_FILE)) {
                try (Stream<Path> files = Files.walk(file.getParent())) {
                    parts.addAll(files.filter(Files::isRegularFile).sorted().toList());
                }
            } else {
                parts.add(file);
            }
            running.flatMap(r -> r.tenant().mappingOverrides()).filter(p -> !parts.contains(p)).ifPresent(parts::add);
            for (Path part : parts) {
                digest.update(part.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (Files.isReadable(part)) {
                    digest.update(Files.readAllBytes(part));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            // Read in the middle of being written or removed: looked at again at the next scan.
            return "unreadable:" + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
