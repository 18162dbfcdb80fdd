package io.odoopulse.audit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.ModelMapping;
import io.odoopulse.kpi.KpiAggregator;
import io.odoopulse.kpi.KpiAlert;
import io.odoopulse.kpi.KpiCard;
import io.odoopulse.kpi.KpiSnapshot;
import io.odoopulse.kpi.OdooQuery;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.pull.CheckpointStore;
import io.odoopulse.pull.PullFreshness;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous parity audit (docs/parity-audit.md): every {@code pull.audit-every} ticks of a tenant, and on the
 * tick after one that found drift, Odoo itself is asked for each pulled model's record count and for every figure
 * of this tick's snapshot whose {@code how} reproduces it directly, and the answers are compared with the store's.
 * A difference is drift: an alert in the push, the gauge {@code pulse.audit.drift}, an operator notice
 * ({@code parity-drift}), and a re-read: the records of a drifting card's domain are read again and handed to the
 * canonical store (route parity-audit), a drifting count resets the model's checkpoint so the next tick reads it in
 * full (and reconciles deletions when the store holds more than Odoo). Calls go through the tenant's own client, so
 * they count against its {@code max-concurrent-calls}; a call that fails marks that model's audit FAILED, never the
 * tick.
 */
public class ParityAudit {

    /** Exchange property: the drift alerts of this tick's audit. */
    public static final String DRIFT = "pulseAuditDrift";
    /** Exchange property: what to read again, one {@link Reread} per model. */
    public static final String REREADS = "pulseAuditRereads";
    public static final String NOTICE = "parity-drift";
    static final int SLICE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ParityAudit.class);

    /** The records of {@code model} matching any of {@code domains} (with {@code context}), to be read again. */
    public record Reread(String model, List<List<Object>> domains, Map<String, Object> context) {}

    private final TenantRegistry tenants;
    private final OdooConnections connections;
    private final CanonicalStore store;
    private final ParityAuditStore audits;
    private final CheckpointStore checkpoints;
    private final PullFreshness freshness;
    private final NoticeStore notices;
    private final MeterRegistry meters;
    private final Clock clock;
    private final KpiAggregator aggregator;
    private final Map<String, AtomicInteger> driftGauges = new ConcurrentHashMap<>();

    public ParityAudit(TenantRegistry tenants, OdooConnections connections, CanonicalStore store,
                       ParityAuditStore audits, CheckpointStore checkpoints, PullFreshness freshness,
                       NoticeStore notices, MeterRegistry meters, Clock clock, KpiAggregator aggregator) {
        this.tenants = tenants;
        this.connections = connections;
        this.store = store;
        this.audits = audits;
        this.checkpoints = checkpoints;
        this.freshness = freshness;
        this.notices = notices;
        this.meters = meters;
        this.clock = clock;
        this.aggregator = aggregator;
    }

    /** Counts the tick; whether it audits. */
    public boolean due(@Header("pulseTenant") String tenant) {
        return audits.countTick(tenant, tenants.get(tenant).pull().auditEvery());
    }

    /** Compares the store with Odoo; leaves the drift alerts and the re-reads in exchange properties. */
    public void audit(@Body KpiSnapshot snapshot, Exchange exchange) {
        List<KpiAlert> alerts = new ArrayList<>();
        List<Reread> rereads = new ArrayList<>();
        exchange.setProperty(DRIFT, alerts);
        exchange.setProperty(REREADS, rereads);
        try {
            audit(snapshot, alerts, rereads);
        } catch (RuntimeException e) {
            // The audit never fails the tick: the push goes out with the models' last audits.
            LOG.error("tenant {}: parity audit stopped: {}", snapshot.tenant(), e.toString());
        }
    }

    private void audit(KpiSnapshot snapshot, List<KpiAlert> alerts, List<Reread> rereads) {
        String tenant = snapshot.tenant();
        Instant now = clock.instant();

        // Models read completely in this tick (a failed one lags Odoo by design: its freshness says so), and the
        // direct cards not marked stale, by the model their call asks.
        Set<String> fresh = new LinkedHashSet<>();
        snapshot.freshness().stream().filter(f -> f.status() == KpiSnapshot.Freshness.Status.OK)
                .forEach(f -> fresh.add(f.model()));
        Map<String, List<KpiCard>> cardsByModel = new LinkedHashMap<>();
        for (KpiCard card : snapshot.cards()) {
            OdooQuery how = card.how();
            if (how != null && how.note() == null && card.value() != null && card.stale() == null
                    && OdooFigure.answerable(how)) {
                cardsByModel.computeIfAbsent(how.model(), m -> new ArrayList<>()).add(card);
            }
        }
        Set<String> models = new LinkedHashSet<>(fresh);
        models.addAll(cardsByModel.keySet());

        OdooConnections.Connection connection;
        try {
            connection = connections.get(tenant);
        } catch (RuntimeException e) {
            models.forEach(model -> failed(tenant, model, now, "could not connect to Odoo: " + e.getMessage()));
            audits.dueNext(tenant, false);
            return;
        }
        boolean drift = false;
        Map<String, Long> storeCounts = fresh.isEmpty() ? Map.of() : store.liveCounts(tenant);
        for (String model : models) {
            try {
                drift |= auditModel(connection, model, fresh.contains(model), storeCounts.getOrDefault(model, 0L),
                        cardsByModel.getOrDefault(model, List.of()), now, alerts, rereads);
            } catch (RuntimeException e) {
                failed(tenant, model, now, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        audits.dueNext(tenant, drift);
    }

    /** @return whether the model drifted */
    private boolean auditModel(OdooConnections.Connection connection, String model, boolean count, long stored,
                               List<KpiCard> cards, Instant now, List<KpiAlert> alerts, List<Reread> rereads) {
        String tenant = connection.tenant().id();
        List<String> differences = new ArrayList<>();
        List<KpiAlert> raised = new ArrayList<>();
        Long odooCount = null;
        long storeCount = 0;
        int figures = 0;
        if (count) {
            figures++;
            odooCount = (long) connection.client().searchCount(model, countDomain(connection, model),
                    connection.context());
            storeCount = stored + audits.openDeadLetters(tenant, model);
            if (odooCount != storeCount) {
                differences.add("record count: Odoo " + odooCount + ", store " + storeCount);
                raised.add(new KpiAlert(null, model + " records", null, null, BigDecimal.valueOf(storeCount),
                        BigDecimal.valueOf(odooCount), null, null, "Odoo counts " + odooCount
                        + " " + model + " records, the store " + storeCount + "; read in full on the next tick",
                        KpiAlert.DRIFT, model));
            }
        }
        List<List<Object>> domains = new ArrayList<>();
        Map<String, Object> context = new LinkedHashMap<>();
        for (KpiCard card : cards) {
            figures++;
            BigDecimal odoo = OdooFigure.answer(connection.client(), card.how());
            if (odoo.compareTo(card.value()) != 0) {
                String figure = card.id() + " " + card.window() + (card.currency() == null ? "" : " "
                        + card.currency()) + (card.company() == null ? "" : " company " + card.company());
                differences.add(figure + ": Odoo " + odoo.toPlainString() + ", store " + card.value().toPlainString());
                raised.add(new KpiAlert(card.id(), card.title(), card.window(), card.currency(), card.value(), odoo,
                        card.sentiment(), card.sentiment(), "Odoo's " + card.how().method() + " on " + model
                        + " answers " + odoo.toPlainString() + ", the store " + card.value().toPlainString()
                        + (card.company() == null ? "" : " (company " + card.company() + ")")
                        + "; its records are read again", KpiAlert.DRIFT, model));
                if (!domains.contains(card.how().domain())) {
                    domains.add(card.how().domain());
                }
                if (card.how().context() != null) {
                    context.putAll(card.how().context());
                }
            }
        }
        KpiSnapshot.Audit.Result result = differences.isEmpty() ? KpiSnapshot.Audit.Result.OK
                : KpiSnapshot.Audit.Result.DRIFT;
        String detail = differences.isEmpty() ? null : String.join("; ", differences);
        audits.record(tenant, new KpiSnapshot.Audit(model, now, result, figures, differences.size(), detail));
        gauge(tenant, model).set(differences.size());
        if (differences.isEmpty()) {
            notices.resolve(tenant, model, NOTICE);
            return false;
        }
        LOG.warn("tenant {}: parity audit: {} differs from Odoo: {}", tenant, model, detail);
        notices.raise(tenant, model, NOTICE, model + " differs from Odoo (Odoo's value, then the store's): " + detail);
        alerts.addAll(raised);
        if (!domains.isEmpty() && connection.mapping().models().containsKey(model)) {
            rereads.add(new Reread(model, domains, context));
        }
        // Rows read again (now or by the next full read) keep their write_date: the incremental order sums, which
        // follow write_date, would not see them; the next snapshot rebuilds them.
        aggregator.storedBehindWriteDates(tenant);
        if (odooCount != null && odooCount != storeCount) {
            // The next tick reads the model in full; the idempotent consumer drops what is unchanged.
            checkpoints.reset(tenant, model);
            if (storeCount > odooCount) {
                // Deleted rows leave no write_date behind: a full read cannot find them, the reconciliation (with its
                // guard against sudden drops) can, on the model's next pull.
                freshness.requestReconcile(tenant, model);
            }
        }
        return true;
    }

    /** Route step (split over {@link #REREADS}): the records to hand to the canonical store again. */
    public List<Map<String, Object>> records(@Body Reread reread, @Header("pulseTenant") String tenant) {
        try {
            OdooConnections.Connection connection = connections.get(tenant);
            Map<String, Object> context = new LinkedHashMap<>(connection.context());
            context.putAll(reread.context());
            TreeSet<Integer> found = new TreeSet<>();
            for (List<Object> domain : reread.domains()) {
                // In id slices, as the deletion reconciliation pages: bounded answers however wide the window.
                long after = 0;
                while (true) {
                    List<Object> slice = new ArrayList<>(domain);
                    slice.add(List.of("id", ">", after));
                    List<Integer> page = connection.client().searchIds(reread.model(), slice, SLICE, context);
                    found.addAll(page);
                    if (page.size() < SLICE) {
                        break;
                    }
                    after = page.get(page.size() - 1);
                }
            }
            List<Integer> all = new ArrayList<>(found);
            // Each slice with its own size as limit: the simulator reads limit 0 as one row, not as "no limit".
            List<String> fields = connection.readableFields(reread.model());
            List<Map<String, Object>> records = new ArrayList<>();
            for (int slice = 0; slice < all.size(); slice += SLICE) {
                List<Integer> ids = all.subList(slice, Math.min(all.size(), slice + SLICE));
                records.addAll(connection.client().searchRead(reread.model(), List.of(List.of("id", "in", ids)), fields,
                        "id asc", ids.size(), connection.context()));
            }
            LOG.info("tenant {}: parity audit: reading {} {} records again", tenant, records.size(), reread.model());
            return records;
        } catch (RuntimeException e) {
            // The audit of the next tick finds the drift again and tries once more.
            LOG.warn("tenant {}: parity audit: reading {} again failed: {}", tenant, reread.model(), e.toString());
            return List.of();
        }
    }

    /** Route step: every model's last audit in the snapshot, with this tick's drift alerts. */
    public KpiSnapshot attach(@Body KpiSnapshot snapshot, @ExchangeProperty(DRIFT) List<KpiAlert> drift) {
        List<String> pulled = tenants.get(snapshot.tenant()).pull().models();
        List<KpiSnapshot.Audit> last = new ArrayList<>(audits.last(snapshot.tenant()));
        // In the bundle's order of models, then any other model a card's call asks.
        last.sort(java.util.Comparator.comparing((KpiSnapshot.Audit a) -> pulled.contains(a.model())
                ? pulled.indexOf(a.model()) : pulled.size()).thenComparing(KpiSnapshot.Audit::model));
        return snapshot.withAudit(last, drift == null ? List.of() : drift);
    }

    private void failed(String tenant, String model, Instant now, String reason) {
        LOG.warn("tenant {}: parity audit of {} failed: {}", tenant, model, reason);
        audits.record(tenant, new KpiSnapshot.Audit(model, now, KpiSnapshot.Audit.Result.FAILED, 0, 0, reason));
    }

    private AtomicInteger gauge(String tenant, String model) {
        return driftGauges.computeIfAbsent(tenant + "|" + model, key -> {
            AtomicInteger differences = new AtomicInteger();
            Gauge.builder("pulse.audit.drift", differences, AtomicInteger::get)
                    .description("Figures of the store that differ from Odoo's own answer at the last parity audit")
                    .tags("tenant", tenant, "model", model)
                    .register(meters);
            return differences;
        });
    }

    /**
     * The records the store should hold: all of them ({@code []}, archived too through the context), unless the
     * mapping feeds canonical types only for records its {@code when:} filters select (account.move: customer
     * invoices and credit notes).
     */
    static List<Object> countDomain(OdooConnections.Connection connection, String model) {
        ModelMapping mapping = connection.mapping().models().get(model);
        return mapping == null ? List.of() : mapping.selectionDomain();
    }
}
