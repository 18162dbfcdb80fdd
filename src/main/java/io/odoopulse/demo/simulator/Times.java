package io.odoopulse.demo.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Odoo's wire formats for dates and datetimes (always UTC, no zone) and microsecond storage. */
final class Times {

    private Times() {}

    /** Epoch microseconds of "YYYY-MM-DD HH:MM:SS[.ffffff]", the ISO "T...[Z]" form or a bare date. */
    static long parseMicros(String s) {
        String t = s.trim();
        if (t.endsWith("Z")) t = t.substring(0, t.length() - 1);
        if (t.length() == 10) return LocalDate.parse(t).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        t = t.replace(' ', 'T');
        int plus = t.indexOf('+', 10);
        if (plus > 0) t = t.substring(0, plus);
        LocalDateTime ldt = LocalDateTime.parse(t);
        return ldt.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + ldt.getNano() / 1000;
    }

    static boolean looksLikeDatetime(String s) {
        return s.length() >= 10 && s.length() <= 32 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-'
                && s.charAt(7) == '-';
    }

    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** Second precision, as the ORM returns datetimes (the microseconds stay in the database). */
    static String format(long micros) {
        long secs = Math.floorDiv(micros, 1_000_000L);
        long days = Math.floorDiv(secs, 86_400L);
        int sod = (int) Math.floorMod(secs, 86_400L);
        LocalDate d = LocalDate.ofEpochDay(days);
        char[] c = new char[19];
        put4(c, 0, d.getYear());
        c[4] = '-';
        put2(c, 5, d.getMonthValue());
        c[7] = '-';
        put2(c, 8, d.getDayOfMonth());
        c[10] = ' ';
        put2(c, 11, sod / 3600);
        c[13] = ':';
        put2(c, 14, (sod / 60) % 60);
        c[16] = ':';
        put2(c, 17, sod % 60);
        return new String(c);
    }

    /** The dataset export form: "YYYY-MM-DDTHH:MM:SS.ffffff". */
    static String formatMicrosIso(long micros) {
        String base = format(micros).replace(' ', 'T');
        long frac = Math.floorMod(micros, 1_000_000L);
        String f = Long.toString(frac);
        return base + "." + "000000".substring(f.length()) + f;
    }

    static String formatDate(LocalDate d) {
        return d.toString();
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static void put4(char[] c, int at, int v) {
        put2(c, at, v / 100);
        put2(c, at + 2, v % 100);
    }
}
