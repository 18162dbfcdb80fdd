package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.odoopulse.canonical.CurrencyRate;

/**
 * Converts amounts to the reporting currency with the source's own rates, as Odoo does: a rate says how many units
 * of a currency one unit of the company's currency buys from its date on; the rate of a day is the latest one not
 * after it, the company's own rate before a shared one (no company); a currency without any rate counts 1.
 * Results are not rounded here: cards round the converted total once, half-up to the cent.
 */
public class CurrencyConverter {

    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private final Map<String, NavigableMap<LocalDate, BigDecimal>> rates = new HashMap<>();

    public CurrencyConverter(List<CurrencyRate> all) {
        for (CurrencyRate rate : all) {
            if (rate.rate() != null && rate.rate().signum() > 0 && rate.validFrom() != null) {
                rates.computeIfAbsent(key(rate.companyId(), rate.currency()), k -> new TreeMap<>())
                        .put(rate.validFrom(), rate.rate());
            }
        }
    }

    /** {@code amount} in {@code currency}, booked by {@code companyId} on {@code day}, in {@code target}. */
    public BigDecimal convert(BigDecimal amount, String currency, String target, Long companyId, LocalDate day) {
        if (currency.equals(target) || amount.signum() == 0) {
            return amount;
        }
        return amount.multiply(rate(companyId, target, day)).divide(rate(companyId, currency, day), PRECISION);
    }

    private BigDecimal rate(Long companyId, String currency, LocalDate day) {
        BigDecimal own = latest(key(companyId, currency), day);
        if (own != null) {
            return own;
        }
        BigDecimal shared = latest(key(null, currency), day);
        return shared != null ? shared : BigDecimal.ONE;
    }

    private BigDecimal latest(String key, LocalDate day) {
        NavigableMap<LocalDate, BigDecimal> byDay = rates.get(key);
        if (byDay == null) {
            return null;
        }
        Map.Entry<LocalDate, BigDecimal> entry = byDay.floorEntry(day);
        // Before the first rate Odoo takes the oldest one rather than none.
        return entry != null ? entry.getValue() : byDay.firstEntry().getValue();
    }

    private static String key(Long companyId, String currency) {
        return (companyId == null ? "*" : companyId.toString()) + "/" + currency;
    }
}
