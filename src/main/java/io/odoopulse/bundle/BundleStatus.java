package io.odoopulse.bundle;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Which tenant bundles were rejected and why, for health and operators: each rejected bundle is 1 in the gauge
 * {@code pulse.bundle.invalid{bundle}} until a valid version replaces or its removal clears it.
 */
public class BundleStatus {

    /**
     * A bundle that failed validation.
     *
     * @param bundle the bundle's path in the tenants directory, e.g. {@code acme.yaml} or {@code acme/tenant.yaml}
     * @param error what is wrong, naming the file (and line where the reader knows it); never a secret
     * @param runningTenant the tenant of the bundle's last good version, still running; empty if none
     */
    public record Problem(String bundle, Path file, String error, Instant since, Optional<String> runningTenant) {}

    private final MeterRegistry meters;
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public BundleStatus(MeterRegistry meters) {
        this.meters = meters;
    }

    void invalid(Problem problem) {
        problems.put(problem.bundle(), problem);
        gauge(problem.bundle()).set(1);
    }

    void valid(String bundle) {
        problems.remove(bundle);
        gauge(bundle).set(0);
    }

    private AtomicInteger gauge(String bundle) {
        return gauges.computeIfAbsent(bundle, name -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("pulse.bundle.invalid", value, AtomicInteger::get).tag("bundle", name)
                    .description("1 while the tenant bundle fails validation (its last good version, if any, runs on)")
                    .register(meters);
            return value;
        });
    }

    /** Every bundle rejected now, by bundle path. */
    public Collection<Problem> problems() {
        return List.copyOf(problems.values());
    }

    public Optional<Problem> problem(String bundle) {
        return Optional.ofNullable(problems.get(bundle));
    }

    /** The problem of the bundle whose last good version is this tenant, e.g. for the tenant's health. */
    public Optional<Problem> problemOfTenant(String tenant) {
        return problems.values().stream().filter(p -> p.runningTenant().filter(tenant::equals).isPresent())
                .findFirst();
    }
}
