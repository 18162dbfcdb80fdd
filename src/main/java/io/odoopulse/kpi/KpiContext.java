package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.odoopulse.tenant.KpiSettings;

/**
 * Everything one computation of a tenant's cards needs besides the store: the as-of time, the windows, the settings,
 * the companies (id to name and currency) and the converter to the reporting currency.
 *
 * @param revision the tenant's store revision read before anything else of this computation; negative when unknown
 *                 (rows read under it are then not kept: {@link StoreReads})
 */
public record KpiContext(
        String tenant,
        Instant asOf,
        ZoneId zone,
        List<KpiWindow> windows,
        KpiSettings settings,
        String reportingCurrency,
        Map<Long, CompanyInfo> companies,
        CurrencyConverter converter,
        long revision) {

    public record CompanyInfo(String name, String currency) {
    }

    public LocalDate asOfDay() {
        return asOf.atZone(zone).toLocalDate();
    }

    /** The window whose vsP period starts first: every period of the snapshot lies after its start. */
    public KpiWindow longest() {
        return windows.stream().min(java.util.Comparator.comparing(KpiWindow::previousStart)).orElseThrow();
    }

    /** The first local day any period holds (documents dated by day). */
    public LocalDate firstDay() {
        return windows.stream().map(KpiWindow::previousStartDay).min(LocalDate::compareTo).orElseThrow();
    }

    /** The day after the last local day any window holds (exclusive): tomorrow while today is under way. */
    public LocalDate lastDay() {
        return windows.stream().map(KpiWindow::endDay).max(LocalDate::compareTo).orElseThrow();
    }

    public String companyName(Long id, String fallback) {
        CompanyInfo info = id == null ? null : companies.get(id);
        if (info != null) {
            return info.name();
        }
        return fallback != null ? fallback : "(no company)";
    }

    public String companyCurrency(Long id) {
        CompanyInfo info = id == null ? null : companies.get(id);
        return info == null ? null : info.currency();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static BigDecimal decimal(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    static LocalDate localDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return ((java.sql.Date) value).toLocalDate();
    }

    static Long id(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("not an instant: " + value.getClass());
    }
}
