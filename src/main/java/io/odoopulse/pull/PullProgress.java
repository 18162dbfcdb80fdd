package io.odoopulse.pull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each tenant's pull of each model has come: records done out of the total Odoo counted at the start,
 * rate and time left. Logged (at most every few seconds), exposed as metrics and to the operator console.
 */
public class PullProgress {

    private static final Logger LOG = LoggerFactory.getLogger(PullProgress.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    /** One pull's progress as the operator console shows it. */
    public record Snapshot(String tenant, String model, boolean fullLoad, long done, long total, double perSecond,
                           Duration timeLeft, Instant startedAt, boolean finished) {}

    private static final class State {
        final AtomicLong done = new AtomicLong();
        final AtomicLong total = new AtomicLong();
        final AtomicLong pageSize = new AtomicLong();
        volatile boolean fullLoad;
        volatile boolean finished;
        volatile Instant startedAt;
        volatile Instant loggedAt;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;

    public PullProgress(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** The total of a pull not counted beforehand (an incremental one): it is what the pull reads. */
    static final long UNCOUNTED = -1;

    void started(String tenant, String model, long total, boolean fullLoad) {
        State state = states.computeIfAbsent(tenant + "/" + model, key -> register(tenant, model, new State()));
        state.total.set(Math.max(total, 0));
        state.done.set(0);
        state.fullLoad = fullLoad;
        state.finished = false;
        state.startedAt = clock.instant();
        state.loggedAt = state.startedAt;
        if (total == UNCOUNTED) {
            LOG.debug("tenant {}: incremental pull of {}", tenant, model);
        } else {
            LOG.info("tenant {}: {} of {}: {} records to read", tenant, fullLoad ? "full load" : "incremental pull",
                    model, total);
        }
    }

    /** The page size the model's current or last pull reached, if it was pulled since the start. */
    java.util.OptionalInt lastPageSize(String tenant, String model) {
        State state = states.get(tenant + "/" + model);
        return state == null || state.pageSize.get() == 0 ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of((int) state.pageSize.get());
    }

    /** The size the model's pull asks its pages with from now on (PageSize). */
    void pageSize(String tenant, String model, int pageSize) {
        State state = states.get(tenant + "/" + model);
        if (state != null) {
            state.pageSize.set(pageSize);
        }
    }

    void advanced(String tenant, String model, long done, boolean finished) {
        State state = states.get(tenant + "/" + model);
        if (state == null) {
            return;
        }
        state.done.set(done);
        state.total.accumulateAndGet(done, Math::max);
        state.finished = finished;
        Instant now = clock.instant();
        if (finished || Duration.between(state.loggedAt, now).compareTo(LOG_EVERY) >= 0) {
            state.loggedAt = now;
            Snapshot s = snapshot(tenant, model, state);
            LOG.info("tenant {}: {} {}: {} of {} records, {}/s, {}", tenant, model, finished ? "done" : "progress",
                    s.done(), s.total(), Math.round(s.perSecond()), finished ? "finished in "
                            + Duration.between(s.startedAt(), now).toSeconds() + " s"
                            : "about " + s.timeLeft().toSeconds() + " s left");
        }
    }

    public List<Snapshot> all() {
        List<Snapshot> all = new ArrayList<>();
        states.forEach((key, state) -> {
            String[] parts = key.split("/", 2);
            all.add(snapshot(parts[0], parts[1], state));
        });
        return all;
    }

    private Snapshot snapshot(String tenant, String model, State state) {
        long done = state.done.get();
        long total = Math.max(state.total.get(), done);
        double seconds = Math.max(1e-3, Duration.between(state.startedAt, clock.instant()).toMillis() / 1000.0);
        double rate = done / seconds;
        Duration left = rate > 0 ? Duration.ofSeconds((long) ((total - done) / rate)) : Duration.ZERO;
        return new Snapshot(tenant, model, state.fullLoad, done, total, rate, left, state.startedAt, state.finished);
    }

    private State register(String tenant, String model, State state) {
        Tags tags = Tags.of("tenant", tenant, "model", model);
        Gauge.builder("pulse.pull.records.done", state.done, AtomicLong::get).tags(tags)
                .description("records read by the current or last pull").register(meters);
        Gauge.builder("pulse.pull.records.total", state.total, AtomicLong::get).tags(tags)
                .description("records Odoo counted for the current or last full load; for an incremental pull, "
                        + "what it has read").register(meters);
        Gauge.builder("pulse.pull.page.size", state.pageSize, AtomicLong::get).tags(tags)
                .description("records the pull asks per call now, adapted below pull.page-size").register(meters);
        return state;
    }
}
