package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Invoiced vs paid, overdue receivables with ageing buckets, and payments received by journal, each per document
 * currency with the companies in the breakdowns. Invoiced vs paid is the ledger as last pulled: every posted invoice,
 * whatever its date (a residual is only known as of the pull, so bounding the invoices by date would mix two
 * moments); what is paid is what Odoo no longer shows as residual (payments and applied credit notes alike).
 */
public class FinanceCards implements CardFamily {

    private static final List<String> AGES = List.of("1-30", "31-60", "61-90", "90+");
    /**
     * Customer receipts paid in {@code [?, ?)}, after the tenant: vendor payments and refunds paid out are money
     * going the other way.
     */
    private static final String RECEIPTS = " FROM canonical_payment WHERE tenant = ? AND status = 'POSTED'"
            + " AND direction = 'INBOUND' AND (partner_role IS NULL OR partner_role = 'CUSTOMER')"
            + " AND deleted_at IS NULL AND paid_on >= ? AND paid_on < ?";

    private final StoreReads reads;

    public FinanceCards(JdbcTemplate jdbc) {
        this.reads = new StoreReads(jdbc);
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        List<KpiCard> cards = new ArrayList<>();
        invoiced(context, cards);
        overdue(context, cards);
        payments(context, cards);
        return cards;
    }

    private void invoiced(KpiContext context, List<KpiCard> cards) {
        Map<String, Object> odoo = Explain.context(context);
        Map<String, Map<String, BigDecimal[]>> byCurrency = new TreeMap<>();
        // {invoiced, outstanding} in the reporting currency, each invoice at the rate of its date, rounded once.
        BigDecimal[] converted = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (Map<String, Object> row : reads.rows(context, """
                SELECT company_id, company, currency, invoice_date, COUNT(*) AS n, SUM(amount_total) AS total,
                       SUM(amount_residual) AS residual
                FROM canonical_invoice
                WHERE tenant = ? AND status = 'POSTED' AND deleted_at IS NULL
                GROUP BY company_id, company, currency, invoice_date
                """, context.tenant())) {
            Long companyId = KpiContext.id(row.get("company_id"));
            String company = context.companyName(companyId, (String) row.get("company"));
            String currency = (String) row.get("currency");
            BigDecimal[] sums = byCurrency.computeIfAbsent(currency, c -> new TreeMap<>())
                    .computeIfAbsent(company, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                            BigDecimal.ZERO});
            BigDecimal total = KpiContext.decimal(row.get("total"));
            BigDecimal residual = KpiContext.decimal(row.get("residual"));
            sums[0] = sums[0].add(KpiContext.decimal(row.get("n")));
            sums[1] = sums[1].add(total);
            sums[2] = sums[2].add(residual);
            LocalDate day = documentDay(context, row.get("invoice_date"));
            converted[0] = converted[0].add(convert(context, total, currency, companyId, day));
            converted[1] = converted[1].add(convert(context, residual, currency, companyId, day));
        }
        byCurrency.forEach((currency, byCompany) -> {
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal residual = BigDecimal.ZERO;
            List<KpiCard.Breakdown> invoicedParts = new ArrayList<>();
            List<KpiCard.Breakdown> paidParts = new ArrayList<>();
            List<KpiCard.Breakdown> openParts = new ArrayList<>();
            for (var entry : byCompany.entrySet()) {
                BigDecimal[] s = entry.getValue();
                long n = s[0].longValue();
                total = total.add(s[1]);
                residual = residual.add(s[2]);
                invoicedParts.add(Cards.part("company", entry.getKey(), Cards.money(s[1]), n));
                paidParts.add(Cards.part("company", entry.getKey(), Cards.money(s[1].subtract(s[2])), n));
                openParts.add(Cards.part("company", entry.getKey(), Cards.money(s[2]), n));
            }
            List<Object> ofCurrency = Explain.domain(Explain.POSTED, Explain.OUT_INVOICE,
                    Explain.currency(currency));
            cards.add(Cards.at("invoiced", "lifetime", context, currency, Cards.money(total), invoicedParts)
                    .withHow(OdooQuery.readGroup("account.move", ofCurrency, List.of("amount_total:sum"),
                            List.of("company_id"), odoo)));
            cards.add(Cards.at("collected", "lifetime", context, currency, Cards.money(total.subtract(residual)),
                    paidParts).withHow(OdooQuery.readGroup("account.move", ofCurrency, List.of("amount_total:sum",
                    "amount_residual:sum"), List.of("company_id"), odoo).computed(
                    "the rows' summed amount_total − their summed amount_residual")));
            cards.add(Cards.at("outstanding", "lifetime", context, currency, Cards.money(residual), openParts)
                    .withHow(OdooQuery.readGroup("account.move", ofCurrency, List.of("amount_residual:sum"),
                            List.of("company_id"), odoo)));
        });
        if (!byCurrency.isEmpty()) {
            String reporting = context.reportingCurrency();
            OdooQuery byDay = OdooQuery.readGroup("account.move", Explain.domain(Explain.POSTED, Explain.OUT_INVOICE),
                    List.of("amount_total:sum", "amount_residual:sum"),
                    List.of("company_id", "currency_id", "invoice_date:day"), odoo);
            String rated = Explain.converted(context, "invoice_date");
            cards.add(Cards.at("invoiced-total", "lifetime", context, reporting, Cards.money(converted[0]),
                    List.of()).withHow(byDay.computed("amount_total: " + rated, Explain.rates(context))));
            cards.add(Cards.at("collected-total", "lifetime", context, reporting,
                    Cards.money(converted[0].subtract(converted[1])), List.of()).withHow(byDay.computed(
                    "amount_total − amount_residual: " + rated, Explain.rates(context))));
            cards.add(Cards.at("outstanding-total", "lifetime", context, reporting, Cards.money(converted[1]),
                    List.of()).withHow(byDay.computed("amount_residual: " + rated, Explain.rates(context))));
        }
    }

    /** A document's date, or the as-of day for one without (a draft dated on posting). */
    private static LocalDate documentDay(KpiContext context, Object date) {
        LocalDate day = KpiContext.localDate(date);
        return day != null ? day : context.asOfDay();
    }

    private static BigDecimal convert(KpiContext context, BigDecimal amount, String currency, Long companyId,
                                      LocalDate day) {
        return context.converter().convert(amount, currency, context.reportingCurrency(), companyId, day);
    }

    private void overdue(KpiContext context, List<KpiCard> cards) {
        LocalDate today = context.asOfDay();
        Map<String, Object> odoo = Explain.context(context);
        List<Object> open = Explain.domain(Explain.POSTED, Explain.OUT_INVOICE,
                Explain.leaf("invoice_date_due", "<", Explain.date(today)),
                Explain.leaf("payment_state", "not in", List.of("paid", "in_payment", "reversed")));
        Map<String, Map<String, BigDecimal[]>> byCurrency = new TreeMap<>();
        BigDecimal converted = BigDecimal.ZERO;
        boolean any = false;
        for (Map<String, Object> row : reads.rows(context, """
                SELECT company_id, company, currency, due_date, invoice_date, COUNT(*) AS n,
                       SUM(amount_residual) AS residual
                FROM canonical_invoice
                WHERE tenant = ? AND status = 'POSTED' AND deleted_at IS NULL AND due_date < ?
                  AND (payment_state IS NULL OR payment_state NOT IN ('PAID', 'IN_PAYMENT', 'REVERSED'))
                GROUP BY company_id, company, currency, due_date, invoice_date
                """, context.tenant(), today)) {
            Long companyId = KpiContext.id(row.get("company_id"));
            String company = context.companyName(companyId, (String) row.get("company"));
            String currency = (String) row.get("currency");
            long age = ChronoUnit.DAYS.between(KpiContext.localDate(row.get("due_date")), today);
            String bucket = age <= 30 ? "1-30" : age <= 60 ? "31-60" : age <= 90 ? "61-90" : "90+";
            BigDecimal n = KpiContext.decimal(row.get("n"));
            BigDecimal residual = KpiContext.decimal(row.get("residual"));
            Map<String, BigDecimal[]> parts = byCurrency.computeIfAbsent(currency, c -> new TreeMap<>());
            for (String key : List.of("company:" + company, "age:" + bucket, "all:")) {
                BigDecimal[] s = parts.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                s[0] = s[0].add(n);
                s[1] = s[1].add(residual);
            }
            converted = converted.add(convert(context, residual, currency, companyId,
                    documentDay(context, row.get("invoice_date"))));
            any = true;
        }
        byCurrency.forEach((currency, parts) -> {
            List<KpiCard.Breakdown> breakdowns = new ArrayList<>();
            for (String age : AGES) {
                BigDecimal[] s = parts.getOrDefault("age:" + age, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                breakdowns.add(Cards.part("age", age, age + " days", Cards.money(s[1]), s[0].longValue()));
            }
            parts.forEach((key, s) -> {
                if (key.startsWith("company:")) {
                    breakdowns.add(Cards.part("company", key.substring(8), Cards.money(s[1]), s[0].longValue()));
                }
            });
            cards.add(Cards.at("overdue", "now", context, currency, Cards.money(parts.get("all:")[1]), breakdowns)
                    .withHow(OdooQuery.readGroup("account.move", Explain.and(open, Explain.currency(currency)),
                            List.of("amount_residual:sum"), List.of("company_id"), odoo)));
        });
        if (any) {
            cards.add(Cards.at("overdue-total", "now", context, context.reportingCurrency(), Cards.money(converted),
                    List.of()).withHow(OdooQuery.readGroup("account.move", open, List.of("amount_residual:sum"),
                    List.of("company_id", "currency_id", "invoice_date:day"), odoo).computed(
                    Explain.converted(context, "invoice_date"), Explain.rates(context))));
        }
    }

    private void payments(KpiContext context, List<KpiCard> cards) {
        List<KpiWindow> windows = context.windows();
        List<Object> args = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        int p = 0;
        for (KpiWindow w : windows) {
            for (LocalDate[] range : List.of(new LocalDate[] {w.startDay(), w.endDay()},
                    new LocalDate[] {w.previousStartDay(), w.startDay()})) {
                sums.append(", SUM(CASE WHEN paid_on >= ? AND paid_on < ? THEN 1 ELSE 0 END) AS n").append(p)
                        .append(", SUM(CASE WHEN paid_on >= ? AND paid_on < ? THEN amount ELSE 0 END) AS a").append(p);
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
        String sql = "SELECT currency, journal, method" + sums + RECEIPTS + " GROUP BY currency, journal, method";
        List<Map<String, Object>> rows = reads.rows(context, sql, args.toArray());
        Map<String, Object> odoo = Explain.context(context);
        List<Object> received = receipts(Explain.odooMajor(reads, context, "canonical_payment"));
        TreeMap<String, List<Map<String, Object>>> byCurrency = new TreeMap<>();
        rows.forEach(r -> byCurrency.computeIfAbsent((String) r.get("currency"), c -> new ArrayList<>()).add(r));
        for (int wi = 0; wi < windows.size(); wi++) {
            int now = 2 * wi;
            for (var entry : byCurrency.entrySet()) {
                BigDecimal total = BigDecimal.ZERO;
                BigDecimal previous = BigDecimal.ZERO;
                Map<String, BigDecimal[]> journals = new TreeMap<>();
                Map<String, BigDecimal[]> methods = new TreeMap<>();
                for (Map<String, Object> r : entry.getValue()) {
                    BigDecimal a = KpiContext.decimal(r.get("a" + now));
                    BigDecimal n = KpiContext.decimal(r.get("n" + now));
                    total = total.add(a);
                    previous = previous.add(KpiContext.decimal(r.get("a" + (now + 1))));
                    add(journals, String.valueOf(r.get("journal")), a, n);
                    add(methods, String.valueOf(r.get("method")), a, n);
                }
                List<KpiCard.Breakdown> parts = new ArrayList<>();
                journals.forEach((k, s) -> parts.add(Cards.part("journal", k, Cards.money(s[0]), s[1].longValue())));
                methods.forEach((k, s) -> parts.add(Cards.part("method", k, Cards.money(s[0]), s[1].longValue())));
                cards.add(Cards.windowed("payments", windows.get(wi), entry.getKey(), Cards.money(total),
                        Cards.money(previous), parts).withHow(OdooQuery.readGroup("account.payment",
                        Explain.and(received, Explain.and(Explain.dated("date", windows.get(wi)),
                                Explain.currency(entry.getKey())).toArray()), List.of("amount:sum"),
                        List.of("journal_id"), odoo)));
            }
        }
        paymentsConverted(context, cards, received);
    }

    /** Posted customer receipts: Odoo 18 replaced the state posted with in_process (awaiting the bank) and paid. */
    private static List<Object> receipts(int major) {
        return Explain.domain(major >= 18 ? Explain.leaf("state", "in", List.of("in_process", "paid")) : Explain.POSTED,
                Explain.leaf("payment_type", "=", "inbound"), Explain.leaf("partner_type", "=", "customer"));
    }

    /** Customer receipts per window in the reporting currency, each day's at that day's rate. */
    private void paymentsConverted(KpiContext context, List<KpiCard> cards, List<Object> received) {
        // Each day's receipts converted once, then summed into every window they fall in.
        Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
        for (Map<String, Object> row : reads.rows(context, "SELECT company_id, currency, paid_on, SUM(amount) AS a"
                + RECEIPTS + " GROUP BY company_id, currency, paid_on", context.tenant(), context.firstDay(),
                context.lastDay())) {
            LocalDate day = KpiContext.localDate(row.get("paid_on"));
            byDay.merge(day, convert(context, KpiContext.decimal(row.get("a")), (String) row.get("currency"),
                    KpiContext.id(row.get("company_id")), day), BigDecimal::add);
        }
        if (byDay.isEmpty()) {
            return;
        }
        for (KpiWindow w : context.windows()) {
            BigDecimal now = BigDecimal.ZERO;
            BigDecimal before = BigDecimal.ZERO;
            for (var entry : byDay.entrySet()) {
                LocalDate day = entry.getKey();
                if (!day.isBefore(w.startDay()) && day.isBefore(w.endDay())) {
                    now = now.add(entry.getValue());
                } else if (!day.isBefore(w.previousStartDay()) && day.isBefore(w.startDay())) {
                    before = before.add(entry.getValue());
                }
            }
            cards.add(Cards.windowed("payments-total", w, context.reportingCurrency(), Cards.money(now),
                    Cards.money(before), List.of()).withHow(OdooQuery.readGroup("account.payment",
                    Explain.and(received, Explain.dated("date", w).toArray()), List.of("amount:sum"),
                    List.of("company_id", "currency_id", "date:day"), Explain.context(context)).computed(
                    Explain.converted(context, "date"), Explain.rates(context))));
        }
    }

    private static void add(Map<String, BigDecimal[]> parts, String key, BigDecimal amount, BigDecimal n) {
        if (n.signum() == 0) {
            return;
        }
        BigDecimal[] s = parts.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        s[0] = s[0].add(amount);
        s[1] = s[1].add(n);
    }
}
