package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Credit-note rate (by count and by amount) and refund amount: posted customer credit notes against posted customer
 * invoices dated in the window, in each company's own currency as the source booked them, so a company invoicing in
 * several currencies gets one figure (what Odoo's accounting reports show).
 */
public class RefundCards implements CardFamily {

    /** The Nerve Centre's audit profile judges the credit-note share over the last 30 days. */
    static final String CREDIT_NOTE_SHARE_WINDOW = "30d";

    private final StoreReads reads;

    public RefundCards(JdbcTemplate jdbc) {
        this.reads = new StoreReads(jdbc);
    }

    /** Count and company-currency amount per currency and company for each period. */
    private record Sums(Map<String, Map<String, long[]>> counts, Map<String, Map<String, BigDecimal>> amounts,
                        BigDecimal[] converted) {
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        Sums invoices = sums("canonical_invoice", context);
        Sums refunds = sums("canonical_credit_note", context);
        TreeSet<String> currencies = new TreeSet<>(invoices.counts.keySet());
        currencies.addAll(refunds.counts.keySet());
        currencies.remove("");
        List<KpiCard> cards = new ArrayList<>();
        List<KpiWindow> windows = context.windows();
        Map<String, Object> odoo = Explain.context(context);
        for (int wi = 0; wi < windows.size(); wi++) {
            KpiWindow w = windows.get(wi);
            int now = 2 * wi;
            int before = now + 1;
            List<Object> dated = Explain.dated("invoice_date", w);
            List<Object> moves = Explain.and(List.of(Explain.POSTED,
                    Explain.leaf("move_type", "in", List.of("out_invoice", "out_refund"))), dated.toArray());
            List<Object> creditNotes = Explain.and(List.of(Explain.POSTED,
                    Explain.leaf("move_type", "=", "out_refund")), dated.toArray());
            for (String currency : currencies) {
                List<KpiCard.Breakdown> countParts = new ArrayList<>();
                List<KpiCard.Breakdown> amountParts = new ArrayList<>();
                List<KpiCard.Breakdown> refundParts = new ArrayList<>();
                TreeSet<String> companies = new TreeSet<>(invoices.counts.getOrDefault(currency, Map.of()).keySet());
                companies.addAll(refunds.counts.getOrDefault(currency, Map.of()).keySet());
                for (String company : companies) {
                    long n = count(refunds, currency, company, now);
                    BigDecimal refunded = amount(refunds, currency, company, now);
                    countParts.add(Cards.part("company", company, Cards.ratio(n, count(invoices, currency, company,
                            now)), n));
                    amountParts.add(Cards.part("company", company, Cards.ratio(refunded, amount(invoices, currency,
                            company, now)), n));
                    refundParts.add(Cards.part("company", company, Cards.money(refunded), n));
                }
                // Company currency: the card is for the companies keeping their books in it.
                List<Object> ofCurrency = Explain.and(moves,
                        Explain.leaf("company_id.currency_id.name", "=", currency));
                OdooQuery byType = OdooQuery.readGroup("account.move", ofCurrency, List.of("amount_total_signed:sum"),
                        List.of("move_type"), odoo);
                cards.add(Cards.windowed("credit-note-rate", w, currency,
                        Cards.ratio(count(refunds, currency, null, now), count(invoices, currency, null, now)),
                        Cards.ratio(count(refunds, currency, null, before), count(invoices, currency, null, before)),
                        countParts).withHow(byType.computed("__count of out_refund / __count of out_invoice, four"
                        + " decimals half-even")));
                cards.add(Cards.windowed("credit-note-amount-rate", w, currency,
                        Cards.ratio(amount(refunds, currency, null, now), amount(invoices, currency, null, now)),
                        Cards.ratio(amount(refunds, currency, null, before), amount(invoices, currency, null,
                                before)), amountParts).withHow(byType.computed("|amount_total_signed of out_refund|"
                        + " / amount_total_signed of out_invoice, four decimals half-even")));
                if (w.name().equals(CREDIT_NOTE_SHARE_WINDOW)) {
                    cards.add(Cards.windowed("audit-credit-note-share", w, currency,
                            Cards.ratio(amount(refunds, currency, null, now), amount(invoices, currency, null, now)),
                            Cards.ratio(amount(refunds, currency, null, before), amount(invoices, currency, null,
                                    before)), largestCreditNotes(context, w, currency)).withHow(byType.computed(
                            "|amount_total_signed of out_refund| / amount_total_signed of out_invoice, four decimals"
                                    + " half-even; judged against the tenant's levels (kpi.sentiment)")));
                }
                cards.add(Cards.windowed("refunds", w, currency, Cards.money(amount(refunds, currency, null, now)),
                        Cards.money(amount(refunds, currency, null, before)), refundParts).withHow(
                        OdooQuery.readGroup("account.move", Explain.and(creditNotes,
                                Explain.leaf("company_id.currency_id.name", "=", currency)),
                                List.of("amount_total_signed:sum"), List.of("company_id"), odoo).computed(
                                "the absolute value of the rows' summed amount_total_signed (negative on credit"
                                        + " notes)")));
            }
            if (!currencies.isEmpty()) {
                cards.add(Cards.windowed("refunds-total", w, context.reportingCurrency(),
                        Cards.money(refunds.converted[now]), Cards.money(refunds.converted[before]), List.of())
                        .withHow(OdooQuery.readGroup("account.move", creditNotes, List.of("amount_total_signed:sum"),
                                List.of("company_id", "invoice_date:day"), odoo).computed("the absolute value of "
                                + Explain.converted(context, "invoice_date"), Explain.rates(context))));
            }
        }
        return cards;
    }

    /**
     * The window's posted credit notes of the companies keeping their books in {@code currency}, largest first, at
     * most {@link AuditCheckCards#LISTED}: the records behind the credit-note share.
     */
    private List<KpiCard.Breakdown> largestCreditNotes(KpiContext context, KpiWindow w, String currency) {
        List<KpiCard.Breakdown> listed = new ArrayList<>();
        for (Map<String, Object> row : reads.rows(context, "SELECT source_id, name, customer, company_id, currency,"
                + " ABS(COALESCE(company_amount_total, amount_total)) AS amount FROM canonical_credit_note"
                + " WHERE tenant = ? AND status = 'POSTED' AND deleted_at IS NULL AND invoice_date >= ?"
                + " AND invoice_date < ? ORDER BY amount DESC, source_id", context.tenant(), w.startDay(),
                w.endDay())) {
            Long companyId = KpiContext.id(row.get("company_id"));
            String own = context.companyCurrency(companyId);
            if (listed.size() < AuditCheckCards.LISTED
                    && currency.equals(own != null ? own : (String) row.get("currency"))) {
                Object customer = row.get("customer");
                listed.add(Cards.part("account.move", String.valueOf(((Number) row.get("source_id")).longValue()),
                        row.get("name") + (customer == null ? "" : " · " + customer),
                        Cards.money(KpiContext.decimal(row.get("amount"))), null));
            }
        }
        return listed;
    }

    private Sums sums(String table, KpiContext context) {
        List<Object> args = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        int p = 0;
        for (KpiWindow w : context.windows()) {
            for (LocalDate[] range : List.of(new LocalDate[] {w.startDay(), w.endDay()},
                    new LocalDate[] {w.previousStartDay(), w.startDay()})) {
                sums.append(", SUM(CASE WHEN invoice_date >= ? AND invoice_date < ? THEN 1 ELSE 0 END) AS n").append(p)
                        .append(", SUM(CASE WHEN invoice_date >= ? AND invoice_date < ? THEN")
                        .append(" ABS(COALESCE(company_amount_total, amount_total)) ELSE 0 END) AS a").append(p);
                for (int i = 0; i < 2; i++) {
                    args.add(range[0]);
                    args.add(range[1]);
                }
                p++;
            }
        }
        args.add(context.tenant());
        args.add(context.firstDay());
        args.add(context.lastDay());
        String sql = "SELECT company_id, company, currency, invoice_date" + sums + " FROM " + table
                + " WHERE tenant = ? AND status = 'POSTED' AND deleted_at IS NULL AND invoice_date >= ?"
                + " AND invoice_date < ? GROUP BY company_id, company, currency, invoice_date";
        Map<String, Map<String, long[]>> counts = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> amounts = new TreeMap<>();
        BigDecimal[] converted = new BigDecimal[p];
        java.util.Arrays.fill(converted, BigDecimal.ZERO);
        for (Map<String, Object> row : reads.rows(context, sql, args.toArray())) {
            Long companyId = row.get("company_id") == null ? null : ((Number) row.get("company_id")).longValue();
            String company = context.companyName(companyId, (String) row.get("company"));
            String own = context.companyCurrency(companyId);
            String currency = own != null ? own : (String) row.get("currency");
            LocalDate day = KpiContext.localDate(row.get("invoice_date"));
            long[] n = counts.computeIfAbsent(currency, c -> new TreeMap<>())
                    .computeIfAbsent(company, c -> new long[converted.length]);
            for (int i = 0; i < converted.length; i++) {
                n[i] += ((Number) row.get("n" + i)).longValue();
                BigDecimal a = KpiContext.decimal(row.get("a" + i));
                if (a.signum() != 0) {
                    amounts.computeIfAbsent(currency, c -> new TreeMap<>()).merge(company + "#" + i, a,
                            BigDecimal::add);
                    converted[i] = converted[i].add(context.converter().convert(a, currency,
                            context.reportingCurrency(), companyId, day));
                }
            }
        }
        return new Sums(counts, amounts, converted);
    }

    /** For one company, or all of the currency's companies when {@code company} is null. */
    private static long count(Sums sums, String currency, String company, int period) {
        long total = 0;
        for (var entry : sums.counts.getOrDefault(currency, Map.of()).entrySet()) {
            if (company == null || company.equals(entry.getKey())) {
                total += entry.getValue()[period];
            }
        }
        return total;
    }

    private static BigDecimal amount(Sums sums, String currency, String company, int period) {
        BigDecimal total = BigDecimal.ZERO;
        for (var entry : sums.amounts.getOrDefault(currency, Map.of()).entrySet()) {
            String key = entry.getKey();
            String ofCompany = key.substring(0, key.lastIndexOf('#'));
            int ofPeriod = Integer.parseInt(key.substring(key.lastIndexOf('#') + 1));
            if (ofPeriod == period && (company == null || company.equals(ofCompany))) {
                total = total.add(entry.getValue());
            }
        }
        return total;
    }
}
