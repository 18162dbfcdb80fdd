package io.odoopulse.pull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.notice.NoticeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Odoo stamps write_date by its own clock, and a checkpoint is only as good as the latest write_date it passed. A row
 * stamped beyond Odoo's now (a server clock once ahead, rows imported with SQL) would carry the checkpoint past every
 * change Odoo has yet to make, and those changes would never be read. So a write_date later than Odoo's clock (the
 * {@code Date} header of its answers) plus the tenant's overlap is not trusted: the row is stored like any other, but
 * the checkpoint stops at Odoo's now minus the overlap, operators are told which rows (log, metric
 * {@code pulse.pull.future.rows}, notice {@value #KIND}), and once Odoo's clock passes them the pull goes on as usual.
 */
public class OdooClockGuard {

    static final String KIND = "write-date-beyond-odoo-clock";
    private static final int NAMED = 10;
    private static final Logger LOG = LoggerFactory.getLogger(OdooClockGuard.class);

    private final NoticeStore notices;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> futureRows = new ConcurrentHashMap<>();

    public OdooClockGuard(NoticeStore notices, MeterRegistry meters) {
        this.notices = notices;
        this.meters = meters;
    }

    /** The latest write_date to believe now: Odoo's clock (ours until Odoo has told its own) plus the overlap. */
    static String credibleUntil(Optional<Instant> odooNow, Duration overlap) {
        return format(odooNow.orElseGet(Instant::now).plus(overlap));
    }

    /** Whether a stored checkpoint lies beyond Odoo's clock (written before this guard, or by a clock since set back). */
    boolean beyondClock(String checkpoint, Optional<Instant> odooNow, Duration overlap) {
        return checkpoint.compareTo(credibleUntil(odooNow, overlap)) > 0;
    }

    /** Notes the rows of a page stamped beyond Odoo's clock on the cursor, which names them when the pull ends. */
    void inspect(PullCursor cursor, List<Map<String, Object>> page, Optional<Instant> odooNow, Duration overlap) {
        String limit = credibleUntil(odooNow, overlap);
        for (Map<String, Object> row : page) {
            if (row.get("write_date") instanceof String stamp && stamp.compareTo(limit) > 0) {
                cursor.beyondClock(row.get("id") + " (write_date " + stamp + ")", NAMED);
            }
        }
    }

    /** The checkpoint to commit for a safe point: never beyond Odoo's clock, else Odoo's now minus the overlap. */
    String checkpoint(String safePoint, Optional<Instant> odooNow, Duration overlap) {
        if (safePoint.compareTo(credibleUntil(odooNow, overlap)) <= 0) {
            return safePoint;
        }
        return format(odooNow.orElseGet(Instant::now).minus(overlap));
    }

    /** At the end of a pull: tells operators of the rows beyond Odoo's clock, or that there are none (any more). */
    void finished(PullCursor cursor, Optional<Instant> odooNow) {
        int rows = cursor.beyondClockCount();
        String key = cursor.tenant() + "/" + cursor.model();
        futureRows.computeIfAbsent(key, k -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("pulse.pull.future.rows", count, AtomicLong::get)
                    .tags("tenant", cursor.tenant(), "model", cursor.model())
                    .description("rows whose write_date lies beyond Odoo's own clock, seen by the last pull; the "
                            + "checkpoint waits for Odoo's clock to pass them")
                    .register(meters);
            return count;
        }).set(rows);
        if (rows == 0) {
            notices.resolve(cursor.tenant(), cursor.model(), KIND);
            return;
        }
        String message = "%d %s row(s) carry a write_date beyond Odoo's own clock (%s UTC): %s%s. They are stored, but the checkpoint stays at Odoo's now minus the overlap until its clock passes them; check the server's clock or rows imported with SQL."
                .formatted(rows, cursor.model(), odooNow.map(OdooClockGuard::format).orElse("unknown"),
                        String.join(", ", cursor.beyondClockNamed()), rows > NAMED ? " and " + (rows - NAMED) + " more" : "");
        LOG.warn("tenant {}: {}", cursor.tenant(), message);
        notices.raise(cursor.tenant(), cursor.model(), KIND, message);
    }

    /** Tells operators that a stored checkpoint lay beyond Odoo's clock and the model is read again in full. */
    void checkpointReset(String tenant, String model, String checkpoint, Optional<Instant> odooNow) {
        String message = "the checkpoint of %s (%s) lay beyond Odoo's own clock (%s UTC): changes after it may have been missed, so the model is read again in full"
                .formatted(model, checkpoint, odooNow.map(OdooClockGuard::format).orElse("unknown"));
        LOG.warn("tenant {}: {}", tenant, message);
        notices.raise(tenant, model, KIND, message);
    }

    private static String format(Instant instant) {
        return PullCursor.ODOO.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
