package io.odoopulse.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One reporting window {@code [start, end)} and the period of equal length just before it. The start is the as-of
 * time N calendar days earlier on the tenant's clock, so the window covers N whole local days whenever the as-of
 * time is a local midnight; documents dated by day (invoices, payments) count when their date lies in
 * {@code [startDay, endDay)}, the local dates of those instants.
 */
public record KpiWindow(String name, int days, Instant start, Instant end, Instant previousStart, ZoneId zone) {

    public static KpiWindow of(int days, Instant asOf, ZoneId zone) {
        Instant start = asOf.atZone(zone).minusDays(days).toInstant();
        Instant previousStart = asOf.atZone(zone).minusDays(2L * days).toInstant();
        return new KpiWindow(days + "d", days, start, asOf, previousStart, zone);
    }

    public LocalDate startDay() {
        return start.atZone(zone).toLocalDate();
    }

    public LocalDate endDay() {
        return end.atZone(zone).toLocalDate();
    }

    public LocalDate previousStartDay() {
        return previousStart.atZone(zone).toLocalDate();
    }
}
