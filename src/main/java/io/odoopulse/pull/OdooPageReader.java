package io.odoopulse.pull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.odoo.OdooUnavailableException;
import io.odoopulse.tenant.Tenant;
import org.apache.camel.ExchangeProperty;

/**
 * Reads a tenant's model from Odoo one page at a time (see {@link PullCursor} for the order that cannot skip or
 * loop), commits the checkpoint after each handed-on page, and reports progress.
 */
public class OdooPageReader {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OdooPageReader.class);

    private final OdooConnections connections;
    private final CheckpointStore checkpoints;
    private final PullProgress progress;
    private final PullFreshness freshness;
    private final OdooClockGuard clock;
    private final Executor readAhead;

    public OdooPageReader(OdooConnections connections, CheckpointStore checkpoints, PullProgress progress,
                          PullFreshness freshness, OdooClockGuard clock, Executor readAhead) {
        this.readAhead = readAhead;
        this.connections = connections;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.freshness = freshness;
        this.clock = clock;
    }

    public PullCursor open(String tenantId, String model) {
        freshness.started(tenantId, model);
        OdooConnections.Connection connection = connections.get(tenantId);
        Tenant tenant = connection.tenant();
        var checkpoint = checkpoints.checkpoint(tenantId, model);
        // Odoo's clock is known from its answers at connect.
        var odooNow = connection.client().serverNow();
        if (checkpoint.isPresent() && clock.beyondClock(checkpoint.get().writeDate(), odooNow, tenant.pull().overlap())) {
            clock.checkpointReset(tenantId, model, checkpoint.get().writeDate(), odooNow);
            checkpoints.reset(tenantId, model);
            checkpoint = java.util.Optional.empty();
        }
        // Records read with another mapping (an override edited, an app installed since, an upgrade) lack what the
        // current one makes of them, and an unchanged record is never read again by write_date: read it all again.
        String fingerprint = connection.mappingFingerprint(model);
        if (checkpoint.isPresent() && !fingerprint.equals(checkpoint.get().mappingFingerprint())) {
            LOG.info("tenant {}: the mapping of {} is not the one its checkpoint was read with: reading it again in "
                    + "full", tenantId, model);
            checkpoints.reset(tenantId, model);
            checkpoint = java.util.Optional.empty();
        }
        PageSize sizes = new PageSize(tenant.pull().pageSize());
        // Where the model's last pull ended is where this one starts (PageSize).
        int size = Math.max(sizes.floor(), Math.min(sizes.ceiling(),
                progress.lastPageSize(tenantId, model).orElse(sizes.start())));
        PullCursor cursor = PullCursor.resume(tenantId, model, checkpoint, tenant.pull().overlap(), size);
        cursor.readWith(fingerprint);
        // A full load is counted first, for its progress and time left. An incremental pull is not: on an idle shop
        // the count would be half the tick's calls, and the pull's own record count says as much afterwards.
        long total = checkpoint.isEmpty() ? connections.read(tenantId, c -> c.client().searchCount(model,
                cursor.nextQuery().domain(), c.context())) : PullProgress.UNCOUNTED;
        progress.started(tenantId, model, total, checkpoint.isEmpty());
        progress.pageSize(tenantId, model, size);
        return cursor;
    }

    /**
     * The next page to store. Unless it was the last, the page after it is asked of Odoo at once, on another
     * thread, so that Odoo serves it while this one is mapped and stored: a pull keeps one call in flight instead of
     * leaving Odoo idle between its pages. The client's permits (pull.max-concurrent-calls) still bound the calls.
     * A page read ahead and never taken (the pull failed meanwhile) is dropped: nothing is handed on or committed
     * until it is taken.
     */
    public List<Map<String, Object>> nextPage(@ExchangeProperty("pulseCursor") PullCursor cursor) {
        OdooConnections.Connection connection = connections.get(cursor.tenant());
        PullCursor.Query query = cursor.nextQuery();
        PageSize sizes = new PageSize(connection.tenant().pull().pageSize());
        Answer answer;
        try {
            answer = cursor.takeAhead(query).map(OdooPageReader::join).orElseGet(() -> read(cursor, query));
        } catch (OdooUnavailableException e) {
            // Still failing after the client's retries: the pull fails, and the next one asks for smaller pages.
            resize(cursor, sizes.next(cursor.pageSize(), false, PageSize.FAILED, true));
            throw e;
        }
        List<Map<String, Object>> handedOn = cursor.accept(answer.rows());
        // The rows handed on, not the page: a row held back (its second is drained next) or a scan's extra row is
        // read again by the next query and would be counted twice.
        clock.inspect(cursor, handedOn, connection.client().serverNow(), connection.tenant().pull().overlap());
        resize(cursor, sizes.next(cursor.pageSize(), answer.rows().size() >= query.limit(), answer.took(),
                answer.overloaded()));
        if (cursor.isHasMore()) {
            PullCursor.Query next = cursor.nextQuery();
            cursor.readAhead(new PullCursor.ReadAhead(next,
                    CompletableFuture.supplyAsync(() -> read(cursor, next), readAhead)));
        }
        return handedOn;
    }

    private void resize(PullCursor cursor, int size) {
        cursor.resize(size);
        progress.pageSize(cursor.tenant(), cursor.model(), size);
    }

    /** A page as Odoo answered it: how long it took, retries included, and whether Odoo was overloaded meanwhile. */
    record Answer(List<Map<String, Object>> rows, Duration took, boolean overloaded) {}

    private Answer read(PullCursor cursor, PullCursor.Query query) {
        OdooConnections.Connection connection = connections.get(cursor.tenant());
        List<String> fields = connection.readableFields(cursor.model());
        long overloads = connection.client().overloads();
        long started = System.nanoTime();
        List<Map<String, Object>> rows = connections.read(cursor.tenant(), c -> c.client().searchRead(cursor.model(),
                query.domain(), fields, query.order(), query.limit(), c.context()));
        return new Answer(rows, Duration.ofNanos(System.nanoTime() - started),
                connection.client().overloads() > overloads);
    }

    /** The page read ahead, or what its read threw, as if read on this thread (the dead letter's cause). */
    private static Answer join(PullCursor.ReadAhead ahead) {
        try {
            return ahead.page().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Called once the page's records have been stored (or dead-lettered): a restart resumes from here. */
    public void commit(@ExchangeProperty("pulseCursor") PullCursor cursor) {
        OdooConnections.Connection connection = connections.get(cursor.tenant());
        var odooNow = connection.client().serverNow();
        cursor.safePoint().ifPresent(w -> checkpoints.commit(cursor.tenant(), cursor.model(),
                clock.checkpoint(w, odooNow, connection.tenant().pull().overlap()),
                cursor.mappingFingerprint()));
        progress.advanced(cursor.tenant(), cursor.model(), cursor.records(), !cursor.isHasMore());
        if (!cursor.isHasMore()) {
            clock.finished(cursor, odooNow);
        }
    }
}
