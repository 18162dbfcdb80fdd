package io.odoopulse.pull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.canonical.PageIdempotentRepository;
import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.odoo.OdooException;
import io.odoopulse.tenant.Tenant;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds records deleted in Odoo, which incremental pulls cannot see (a deleted row has no write_date to change):
 * every few pulls it walks Odoo's ids and the stored ids side by side in id slices and marks the stored ones that
 * Odoo no longer has as deleted. Archived records are still there ({@code active_test=false}) and are kept.
 * <p>
 * Odoo's search only returns what the integration user may see, so a user who lost access (a record rule, a company
 * taken off it) would tombstone rows that still exist. A sudden drop beyond the tenant's {@link DropLimits} is
 * therefore withheld (dead letter, notice {@value #KIND}, gauge {@code pulse.reconcile.withheld}) until it recurs on
 * {@code pull.reconcile-confirm-after} later passes or an operator confirms the notice. And ids Odoo returns that the
 * store lacks or marked deleted are read again ({@link #absentRecords}), so access coming back restores them.
 */
public class DeletionReconciler {

    static final String KIND = "reconcile-drop-withheld";
    /** Exchange property: the drop this pass withheld for the first time (a list of 0 or 1), to dead-letter. */
    static final String WITHHELD = "pulseWithheldDrop";
    /** Exchange property: ids Odoo has that the store lacks or marked deleted, to read again. */
    static final String ABSENT = "pulseAbsentIds";

    private static final Logger LOG = LoggerFactory.getLogger(DeletionReconciler.class);
    static final int SLICE = 10_000;
    static final int READ_SLICE = 1_000;

    /** A drop withheld for the first time: what its dead letter says. */
    public record SuddenDrop(String tenant, String model, List<Long> ids, String message) {}

    /** What one pass found: rows marked deleted, a drop newly withheld (or null), ids to read again. */
    record Pass(int deleted, SuddenDrop withheld, List<Long> absent) {}

    private final OdooConnections connections;
    private final CanonicalStore store;
    private final PullFreshness freshness;
    private final CompanyAccess companies;
    private final WithheldDrops drops;
    private final NoticeStore notices;
    private final PageIdempotentRepository keys;
    private final MeterRegistry meters;
    /** The gauges this instance registered; their value is read from the database, whichever instance withheld. */
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();

    public DeletionReconciler(OdooConnections connections, CanonicalStore store, PullFreshness freshness,
                              CompanyAccess companies, JdbcTemplate jdbc, Clock clock, NoticeStore notices,
                              PageIdempotentRepository keys, MeterRegistry meters) {
        this.connections = connections;
        this.store = store;
        this.freshness = freshness;
        this.companies = companies;
        this.drops = new WithheldDrops(jdbc, clock);
        this.notices = notices;
        this.keys = keys;
        this.meters = meters;
    }

    /**
     * Runs after a pull: on the first complete read of the model and then every {@code pull.reconcile-every} reads.
     * The count is kept in the database, so it goes on across restarts and instances; two reconciliations of one
     * tenant never overlap because its tick runs on one instance at a time.
     */
    public void afterPull(@ExchangeProperty("pulseCursor") PullCursor cursor, Exchange exchange) {
        exchange.removeProperty(WITHHELD);
        exchange.removeProperty(ABSENT);
        OdooConnections.Connection connection = connections.get(cursor.tenant());
        int every = connection.tenant().pull().reconcileEvery();
        long pull = freshness.reads(cursor.tenant(), cursor.model());
        boolean requested = freshness.takeReconcileRequest(cursor.tenant(), cursor.model());
        if (requested || every > 0 && pull % every == 0) {
            // Rows of a company the user may no longer see are missing from Odoo's answer, not deleted.
            if (!companies.allVisible(cursor.tenant())) {
                LOG.info("tenant {}: {} not reconciled while company {} is not visible to the integration user",
                        cursor.tenant(), cursor.model(), companies.hidden(cursor.tenant()));
                return;
            }
            Pass pass;
            try {
                pass = reconcile(connections.get(cursor.tenant()), cursor.model());
            } catch (OdooException e) {
                if (!OdooConnections.companyTakenAway(e)) {
                    throw e;
                }
                // Taken away between the check and the comparison: the next tick follows it.
                LOG.info("tenant {}: {} not reconciled: a company was taken away from the integration user just now",
                        cursor.tenant(), cursor.model());
                return;
            }
            exchange.setProperty(WITHHELD, pass.withheld() == null ? List.of() : List.of(pass.withheld()));
            exchange.setProperty(ABSENT, pass.absent());
        }
    }

    Pass reconcile(OdooConnections.Connection connection, String model) {
        String tenant = connection.tenant().id();
        List<Long> missing = new ArrayList<>();
        List<Long> absent = new ArrayList<>();
        int live = 0;
        long after = 0;
        while (true) {
            List<Integer> odooIds = connection.client().searchIds(model, List.of(List.of("id", ">", after)), SLICE,
                    connection.context());
            boolean last = odooIds.size() < SLICE;
            long upTo = last ? Long.MAX_VALUE : odooIds.get(odooIds.size() - 1);
            Set<Long> present = new HashSet<>();
            odooIds.forEach(id -> present.add(id.longValue()));
            List<Long> stored = store.liveIds(tenant, model, after, upTo);
            live += stored.size();
            stored.stream().filter(id -> !present.contains(id)).forEach(missing::add);
            Set<Long> storedSet = new HashSet<>(stored);
            present.stream().filter(id -> !storedSet.contains(id)).sorted().forEach(absent::add);
            if (last) {
                break;
            }
            after = upTo;
        }
        gauge(tenant, model);
        Decision decision = decide(connection.tenant(), model, missing, live);
        int deleted = store.markDeleted(tenant, model, decision.apply());
        if (deleted > 0) {
            LOG.info("tenant {}: {} {} records were deleted in Odoo; marked deleted", tenant, deleted, model);
        }
        return new Pass(deleted, decision.newlyWithheld(), absent);
    }

    /** The ids to mark deleted now, and the drop withheld for the first time by this pass (or null). */
    private record Decision(List<Long> apply, SuddenDrop newlyWithheld) {}

    /** Applies the tenant's limits, and any drop withheld before, to what this pass found missing. */
    private Decision decide(Tenant tenant, String model, List<Long> missing, int live) {
        String id = tenant.id();
        Tenant.Pull pull = tenant.pull();
        Optional<WithheldDrops.Withheld> held = drops.find(id, model);
        if (!new DropLimits(pull.reconcileMaxDropShare(), pull.reconcileMaxDropRows()).withheld(missing.size(), live)) {
            held.ifPresent(h -> release(id, model, "the drop is within the limits now"));
            return new Decision(missing, null);
        }
        if (held.isPresent() && notices.confirmed(id, model, KIND)) {
            Set<Long> now = new HashSet<>(missing);
            release(id, model, "an operator confirmed it");
            return new Decision(held.get().ids().stream().filter(now::contains).toList(), null);
        }
        String message = dropMessage(tenant, model, missing.size(), live);
        if (held.isPresent() && new HashSet<>(missing).containsAll(held.get().ids())) {
            int recurrences = drops.recurred(id, model);
            if (pull.reconcileConfirmAfter() > 0 && recurrences >= pull.reconcileConfirmAfter()) {
                release(id, model, "it recurred on " + recurrences + " later passes");
                return new Decision(held.get().ids(), null);
            }
            notices.raise(id, model, KIND, message + " Seen again on " + recurrences + " later pass(es).");
            return new Decision(List.of(), null);
        }
        // A new drop, or a different one (some withheld rows came back): withheld afresh; dead-lettered only the
        // first time, so a tenant/model has one entry per episode however often the drop changes.
        drops.hold(id, model, missing, live);
        LOG.warn(message);
        notices.raise(id, model, KIND, message);
        return new Decision(List.of(), held.isPresent() ? null : new SuddenDrop(id, model, missing, message));
    }

    private void release(String tenant, String model, String why) {
        LOG.info("tenant {}: the withheld drop of {} is released: {}", tenant, model, why);
        drops.clear(tenant, model);
        notices.resolve(tenant, model, KIND);
    }

    static String dropMessage(Tenant tenant, String model, int missing, int live) {
        Tenant.Pull pull = tenant.pull();
        return String.format(Locale.ROOT, "tenant %s, model %s: %d of %d live rows (%.1f %%) are missing from Odoo in "
                        + "one reconciliation, beyond the limits (pull.reconcile-max-drop-share %.1f %%, "
                        + "pull.reconcile-max-drop-rows %d); the drop is withheld and the rows kept live until it "
                        + "recurs on %s or an operator confirms this notice (POST /api/notices/{id}/confirm). A user "
                        + "who lost access (a record rule, a company) sees fewer records than exist.", tenant.id(),
                model, missing, live, 100.0 * missing / Math.max(live, 1), 100.0 * pull.reconcileMaxDropShare(),
                pull.reconcileMaxDropRows(), pull.reconcileConfirmAfter() > 0
                        ? pull.reconcileConfirmAfter() + " later passes" : "no number of passes (confirm-after 0)");
    }

    /** Route {@code deletion-reconcile}: a drop withheld for the first time fails, for the dead-letter channel. */
    public void raise(@Body SuddenDrop drop, Exchange exchange) {
        exchange.setProperty("pulseRawRecord", drop.ids());
        throw new SuddenDropException(drop.message());
    }

    /**
     * Ids Odoo has that the store lacks or marked deleted (access restored, a row lost): read again with the
     * mapping's fields, their idempotent keys forgotten so that unchanged records are stored, and handed on to be
     * stored with {@code deleted_at} cleared.
     */
    public List<Map<String, Object>> absentRecords(@ExchangeProperty("pulseCursor") PullCursor cursor,
                                                   @ExchangeProperty(ABSENT) List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        keys.forget(cursor.tenant(), cursor.model(), ids);
        var mapping = connections.get(cursor.tenant()).mapping().forModel(cursor.model());
        List<String> fields = connections.get(cursor.tenant()).readableFields(cursor.model());
        List<Object> selection = mapping.selectionDomain();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int slice = 0; slice < ids.size(); slice += READ_SLICE) {
            List<?> some = ids.subList(slice, Math.min(ids.size(), slice + READ_SLICE));
            if (!selection.isEmpty()) {
                // Records the mapping drops (vendor bills) are never stored, so always "absent": only ids are asked.
                List<Object> domain = new ArrayList<>(selection);
                domain.add(0, List.of("id", "in", some));
                int limit = some.size();
                some = connections.read(cursor.tenant(), c -> c.client().searchIds(cursor.model(), domain, limit,
                        c.context()));
                if (some.isEmpty()) {
                    continue;
                }
            }
            List<?> wanted = some;
            records.addAll(connections.read(cursor.tenant(), c -> c.client().searchRead(cursor.model(),
                    List.of(List.of("id", "in", wanted)), fields, "id asc", wanted.size(), c.context())));
        }
        LOG.debug("tenant {}: {} of {} {} ids Odoo has and the store lacks or marked deleted read again",
                cursor.tenant(), records.size(), ids.size(), cursor.model());
        return records;
    }

    /** After the re-read records are stored: how many are live again (filtered or dead-lettered ones are not). */
    public void undeleted(@ExchangeProperty("pulseCursor") PullCursor cursor,
                          @ExchangeProperty(ABSENT) List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        Set<Long> read = new HashSet<>(ids);
        List<Long> back = store.liveIds(cursor.tenant(), cursor.model(), ids.get(0) - 1, ids.get(ids.size() - 1))
                .stream().filter(read::contains).toList();
        if (!back.isEmpty()) {
            LOG.info("tenant {}: {} {} records Odoo has were missing or marked deleted in the store; read again and "
                    + "stored: {}", cursor.tenant(), back.size(), cursor.model(), back.size() > 20
                    ? back.subList(0, 20) + " and " + (back.size() - 20) + " more" : back);
            meters.counter("pulse.reconcile.undeleted", "tenant", cursor.tenant(), "model", cursor.model())
                    .increment(back.size());
        }
    }

    private void gauge(String tenant, String model) {
        if (!gauges.add(tenant + "/" + model)) {
            return;
        }
        Gauge.builder("pulse.reconcile.withheld", () -> drops.withheld(tenant, model))
                .tags("tenant", tenant, "model", model)
                .description("rows a deletion reconciliation found missing from Odoo but withheld as a sudden drop, "
                        + "until it recurs or an operator confirms it")
                .register(meters);
    }
}
