package io.odoopulse.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One reporting window {@code [start, end)} and its vsP period, the one of equal length just before it, as the Nerve
 * Centre defines them (docs/kpis.md, "Windows"): {@code T} today so far, {@code 24H} the trailing 24 hours to the
 * minute, {@code 7D}/{@code 30D}/{@code 90D} the whole local days ending at the start of today. Lengths of whole-day
 * windows are counted in local days, so a DST change makes one of them 23 or 25 hours longer or shorter.
 *
 * @param name the push's {@code window} ({@code t}, {@code 24h}, {@code 7d}, ...); {@link #code()} the Nerve Centre's
 * @param days the number of whole local days, 0 for {@code t} and {@code 24h}
 */
public record KpiWindow(String name, int days, Instant start, Instant end, Instant previousStart, ZoneId zone) {

    public static final String TODAY = "t";
    public static final String DAY = "24h";

    /**
     * Each of {@code days} as whole local days, then {@code T} and {@code 24H}, as of {@code asOf} (the day windows
     * first, so families and consumers that take the first window keep the 7 days).
     */
    public static List<KpiWindow> all(List<Integer> days, Instant asOf, ZoneId zone) {
        List<KpiWindow> windows = new ArrayList<>();
        days.stream().sorted().forEach(d -> windows.add(of(d, asOf, zone)));
        windows.add(today(asOf, zone));
        windows.add(trailingDay(asOf, zone));
        return windows;
    }

    /** The {@code days} whole local days before the day of {@code asOf}. */
    public static KpiWindow of(int days, Instant asOf, ZoneId zone) {
        LocalDate today = asOf.atZone(zone).toLocalDate();
        return new KpiWindow(days + "d", days, midnight(today.minusDays(days), zone), midnight(today, zone),
                midnight(today.minusDays(2L * days), zone), zone);
    }

    /** Today's local midnight to the current minute; vsP is the same length before that midnight. */
    public static KpiWindow today(Instant asOf, ZoneId zone) {
        Instant end = asOf.truncatedTo(ChronoUnit.MINUTES);
        Instant start = midnight(asOf.atZone(zone).toLocalDate(), zone);
        return new KpiWindow(TODAY, 0, start, end, start.minus(Duration.between(start, end)), zone);
    }

    /** The 24 hours to the current minute (elapsed hours: a DST change does not stretch them). */
    public static KpiWindow trailingDay(Instant asOf, ZoneId zone) {
        Instant end = asOf.truncatedTo(ChronoUnit.MINUTES);
        return new KpiWindow(DAY, 0, end.minus(Duration.ofHours(24)), end, end.minus(Duration.ofHours(48)), zone);
    }

    /** The Nerve Centre's window code: {@code T}, {@code 24H}, {@code 7D}, {@code 30D}, {@code 90D}. */
    public String code() {
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The first local day of the window, for documents dated by day (invoices, payments): a day belongs to the
     * window whose {@code [start, end)} holds its midnight, so T holds today, 24H the one midnight it spans and the
     * vsP periods never share a day with their window.
     */
    public LocalDate startDay() {
        return firstMidnightFrom(start);
    }

    /** The day after the window's last local day (exclusive). */
    public LocalDate endDay() {
        return firstMidnightFrom(end);
    }

    public LocalDate previousStartDay() {
        return firstMidnightFrom(previousStart);
    }

    private LocalDate firstMidnightFrom(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return midnight(day, zone).equals(instant) ? day : day.plusDays(1);
    }

    /** A day's first instant (where DST skips midnight, the first instant that exists). */
    static Instant midnight(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }
}
