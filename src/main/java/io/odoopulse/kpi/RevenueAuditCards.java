package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit checks on revenue that is not recognised yet (docs/kpis.md, "Audit checks"): confirmed orders still to
 * invoice some days after they were placed, and draft customer invoices left open past the books' closing cadence.
 * Each card counts the records, sums their amounts per currency and lists the largest with their Odoo ids.
 */
public class RevenueAuditCards implements CardFamily {

    private final StoreReads reads;

    public RevenueAuditCards(JdbcTemplate jdbc) {
        this.reads = new StoreReads(jdbc);
    }

    @Override
    public List<CardDefinition> definitions() {
        return List.of(
                CardDefinition.auditCheck("audit-uninvoiced-orders", "Confirmed orders not invoiced",
                        "audit-sales"),
                CardDefinition.auditCheck("audit-stale-draft-invoices", "Draft invoices past the closing cadence",
                        "audit-closing"));
    }

    @Override
    public CardFamily forSeries() {
        // State at the as-of time: nothing to draw per day.
        return null;
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        Map<String, Object> odoo = Explain.context(context);
        // Placed before the start of the day N days back, in the tenant's timezone: the figure holds all day.
        Instant placedBefore = context.asOfDay().minusDays(context.settings().uninvoicedAfterDays())
                .atStartOfDay(context.zone()).toInstant();
        KpiCard uninvoiced = listed("audit-uninvoiced-orders", "sale.order", context, "name", """
                FROM canonical_order
                WHERE tenant = ? AND deleted_at IS NULL AND status = 'CONFIRMED' AND invoice_status = 'to_invoice'
                  AND ordered_at < ?
                """, KpiContext.utc(placedBefore)).withHow(OdooQuery.searchCount("sale.order", Explain.domain(
                Explain.CONFIRMED, Explain.leaf("date_order", "<", Explain.datetime(placedBefore)),
                Explain.leaf("invoice_status", "=", "to invoice")), odoo));
        // Dated that many days back or more: a draft of the last closed period that is still not posted.
        LocalDate datedUpTo = context.asOfDay().minusDays(context.settings().closingCadenceDays());
        KpiCard drafts = listed("audit-stale-draft-invoices", "account.move", context,
                "COALESCE(name, '/') || COALESCE(' · ' || customer, '')", """
                FROM canonical_invoice
                WHERE tenant = ? AND deleted_at IS NULL AND status = 'DRAFT' AND accounting_date <= ?
                """, datedUpTo).withHow(OdooQuery.searchCount("account.move", Explain.domain(Explain.OUT_INVOICE,
                Explain.leaf("state", "=", "draft"), Explain.leaf("date", "<=", Explain.date(datedUpTo))), odoo));
        return List.of(uninvoiced, drafts);
    }

    /**
     * The card of a check whose offending records {@code from} selects (bound: the tenant, then {@code bound}): their
     * number and amounts per currency ({@code currency} breakdowns), summed by the database, and the largest
     * {@link AuditCheckCards#LISTED} of them ({@code model}), labelled by {@code label}.
     */
    private KpiCard listed(String id, String model, KpiContext context, String label, String from, Object bound) {
        long[] count = {0};
        List<KpiCard.Breakdown> parts = new ArrayList<>();
        for (Map<String, Object> row : reads.rows(context, "SELECT currency, COUNT(*) AS n, SUM(amount_total) AS"
                + " amount " + from + " GROUP BY currency ORDER BY currency", context.tenant(), bound)) {
            long n = ((Number) row.get("n")).longValue();
            count[0] += n;
            parts.add(Cards.part("currency", (String) row.get("currency"),
                    Cards.money(KpiContext.decimal(row.get("amount"))), n));
        }
        for (Map<String, Object> row : reads.rows(context, "SELECT source_id, " + label + " AS label, amount_total "
                + from + " ORDER BY amount_total DESC, source_id LIMIT " + AuditCheckCards.LISTED, context.tenant(),
                bound)) {
            Object amount = row.get("amount_total");
            parts.add(Cards.part(model, String.valueOf(((Number) row.get("source_id")).longValue()),
                    (String) row.get("label"), amount == null ? null : Cards.money(KpiContext.decimal(amount)),
                    null));
        }
        return Cards.at(id, "now", context, null, Cards.count(count[0]), parts);
    }
}
