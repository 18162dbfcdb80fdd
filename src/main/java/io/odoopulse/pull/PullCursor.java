package io.odoopulse.pull;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.odoo.OdooException;

/**
 * Where one incremental pull of one tenant's model stands, and which query comes next. It travels with the
 * exchange from page to page.
 *
 * <p>Odoo orders and compares {@code write_date} at microsecond precision but returns it truncated to the second,
 * and a transaction stamps all its rows with one value, so thousands of rows can share a returned second. Offset
 * paging skips rows that change while the pull runs, and keyset paging on the returned value loops. So the cursor
 * alternates two kinds of query, neither of which can skip or loop:
 * <ol>
 * <li><b>scan</b> {@code write_date >= W} by {@code write_date, id}, asking one row more than the page size: a
 * short page (at most the page size) ends the pull. Of a full page, the extra last row only tells whether the
 * second S of the row before it (the page's last kept row) goes on beyond the page; it is never handed on (the next
 * query meets it again). If the extra row lies in a later second, every row of S is in the page: all page-size rows
 * are handed on and the next scan starts at {@code W = S+1s}. If it shares S, every row of a second before S is
 * complete and handed on, and the rows of S are held back: the next scan starts at {@code W = S} and reads them again
 * with the rest of S. Only a page whose rows all lie in S hands nothing on; S is drained then;</li>
 * <li><b>drain</b> second S by id keyset ({@code S <= write_date < S+1s, id > last}) until a short page, then
 * scan again from {@code W = S+1s}.</li>
 * </ol>
 * A scan that hands rows on moves W forward (to S, past the page's first row's second, which is at or after W; or to
 * S+1s), one that hands none on starts a drain, and a drain ends since the ids it reads grow. A row held back is
 * handed on only when read again, so a pull hands a row on once unless it changes meanwhile: it then gets a newer
 * write_date and is met again later; the idempotent consumer tells a real change from a re-read. The checkpoint is
 * the point before which every row has been handed on.
 */
public final class PullCursor {

    static final DateTimeFormatter ODOO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String SCAN_ORDER = "write_date asc, id asc";
    static final String DRAIN_ORDER = "id asc";

    /** One search_read to make: its domain, order and limit. */
    public record Query(List<List<Object>> domain, String order, int limit) {}

    private final String tenant;
    private final String model;
    private int pageSize;             // changed only between a page's accept and the next query (PageSize)
    private String scanFrom;          // W, null before the first checkpoint: the first full load
    private String drainSecond;       // S while draining, else null
    private int drainAfterId;
    private String safePoint;         // every row with write_date < safePoint has been handed on (a second start)
    private boolean hasMore = true;
    private long records;
    private final List<String> beyondClock = new java.util.ArrayList<>();   // the first few, named
    private int beyondClockCount;
    private String mappingFingerprint;  // the mapping this pull reads with, recorded with each checkpoint
    private ReadAhead ahead;            // the next page, asked of Odoo while the current one is stored

    /** A page asked of Odoo before its turn: the query it answers and the answer to come. */
    record ReadAhead(Query query, java.util.concurrent.CompletableFuture<OdooPageReader.Answer> page) {}

    /**
     * @param checkpoint where the previous pull left off, if any
     * @param overlap how far before the checkpoint to start again (long transactions commit late)
     */
    public PullCursor(String tenant, String model, Optional<String> checkpoint, Duration overlap, int pageSize) {
        this.tenant = tenant;
        this.model = model;
        this.pageSize = pageSize;
        this.scanFrom = checkpoint.map(c -> ODOO.format(LocalDateTime.parse(c, ODOO).minus(overlap))).orElse(null);
        this.safePoint = checkpoint.orElse(null);
    }

    /**
     * Resumes after a checkpoint. Overlapping is only needed while a transaction stamped before the checkpoint may
     * still commit: once a pull has confirmed the checkpoint more than twice the overlap after it (once for the
     * transactions, once for clock skew between Odoo and us), the next pull starts at it instead of re-reading
     * the same rows on every pull of an idle shop.
     */
    public static PullCursor resume(String tenant, String model, Optional<CheckpointStore.Checkpoint> checkpoint,
                                    Duration overlap, int pageSize) {
        PullCursor cursor = new PullCursor(tenant, model, checkpoint.map(CheckpointStore.Checkpoint::writeDate),
                Duration.ZERO, pageSize);
        cursor.scanFrom = checkpoint.map(c -> scanFrom(c, overlap)).orElse(null);
        return cursor;
    }

    /** Where a read resumes after a checkpoint: at it once settled, else the overlap before it. */
    static String scanFrom(CheckpointStore.Checkpoint checkpoint, Duration overlap) {
        LocalDateTime second = LocalDateTime.parse(checkpoint.writeDate(), ODOO);
        LocalDateTime settled = second.plus(overlap.multipliedBy(2)).plusSeconds(1);
        boolean isSettled = LocalDateTime.ofInstant(checkpoint.committedAt(), java.time.ZoneOffset.UTC)
                .isAfter(settled);
        return ODOO.format(isSettled ? second : second.minus(overlap));
    }

    public Query nextQuery() {
        if (drainSecond != null) {
            String next = plusOneSecond(drainSecond);
            return new Query(List.of(List.of("write_date", ">=", drainSecond), List.of("write_date", "<", next),
                    List.of("id", ">", drainAfterId)), DRAIN_ORDER, pageSize);
        }
        List<List<Object>> domain = scanFrom == null ? List.of() : List.of(List.of("write_date", ">=", scanFrom));
        // One row more than a page: the extra row tells whether the page's last second goes on beyond it.
        return new Query(domain, SCAN_ORDER, pageSize + 1);
    }

    /**
     * Takes the answer to {@link #nextQuery()} and returns the rows to hand on now (rows of a second still being
     * read are held back until a scan or the drain reads that second whole; a scan's extra row is never handed on).
     */
    public List<Map<String, Object>> accept(List<Map<String, Object>> page) {
        if (drainSecond != null) {
            if (!page.isEmpty()) {
                drainAfterId = ((Number) page.get(page.size() - 1).get("id")).intValue();
            }
            if (page.size() < pageSize) {
                scanFrom = plusOneSecond(drainSecond);
                safePoint = scanFrom;
                drainSecond = null;
            }
            return counted(page);
        }
        if (page.size() <= pageSize) {
            hasMore = false;
            if (!page.isEmpty()) {
                // Everything up to the end of the last second read has been read; rows that commit late into
                // it are the overlap's business.
                safePoint = plusOneSecond(writeDate(page.get(page.size() - 1)));
            }
            return counted(page);
        }
        List<Map<String, Object>> kept = page.subList(0, pageSize);
        String lastSecond = writeDate(kept.get(pageSize - 1));
        if (!writeDate(page.get(pageSize)).equals(lastSecond)) {
            // The extra row lies in a later second: every row of lastSecond is in the page.
            scanFrom = plusOneSecond(lastSecond);
            safePoint = scanFrom;
            return counted(List.copyOf(kept));
        }
        List<Map<String, Object>> complete = kept.stream().filter(r -> writeDate(r).compareTo(lastSecond) < 0).toList();
        safePoint = lastSecond;
        if (!complete.isEmpty()) {
            // The rows of lastSecond held back are read again by the next scan, with the rest of their second.
            scanFrom = lastSecond;
            return counted(complete);
        }
        // The whole page lies in one second: scanning from it again would read the same page.
        drainSecond = lastSecond;
        drainAfterId = 0;
        return counted(complete);
    }

    private List<Map<String, Object>> counted(List<Map<String, Object>> handedOn) {
        records += handedOn.size();
        return handedOn;
    }

    private String writeDate(Map<String, Object> record) {
        Object value = record.get("write_date");
        if (!(value instanceof String text) || text.length() != 19) {
            throw new OdooException("pulse.NoWriteDate", model + " record " + record.get("id")
                    + " has no write_date (got " + value + "); incremental pulls need it in the fields read");
        }
        return text;
    }

    private static String plusOneSecond(String second) {
        return ODOO.format(LocalDateTime.parse(second, ODOO).plusSeconds(1));
    }

    public String tenant() {
        return tenant;
    }

    public String model() {
        return model;
    }

    /** Read by the route's loop condition. */
    public boolean isHasMore() {
        return hasMore;
    }

    /** The checkpoint to commit once the rows handed on so far are stored. */
    public Optional<String> safePoint() {
        return Optional.ofNullable(safePoint);
    }

    /** A row of this pull stamped beyond Odoo's clock, as "id (write_date ...)" (see OdooClockGuard). */
    void beyondClock(String row, int named) {
        beyondClockCount++;
        if (beyondClock.size() < named) {
            beyondClock.add(row);
        }
    }

    /** The first rows of this pull stamped beyond Odoo's clock. */
    List<String> beyondClockNamed() {
        return List.copyOf(beyondClock);
    }

    int beyondClockCount() {
        return beyondClockCount;
    }

    int pageSize() {
        return pageSize;
    }

    /** The size of the pages asked from now on; called between accepting a page and asking the next. */
    void resize(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Keeps the page read ahead for the query after the current one (see OdooPageReader#nextPage). */
    void readAhead(ReadAhead next) {
        this.ahead = next;
    }

    /** The page read ahead, if it answers this query (it always does unless the cursor was moved otherwise). */
    Optional<ReadAhead> takeAhead(Query query) {
        ReadAhead taken = ahead;
        ahead = null;
        if (taken != null && !taken.query().equals(query)) {
            taken.page().cancel(false);
            return Optional.empty();
        }
        return Optional.ofNullable(taken);
    }

    void readWith(String fingerprint) {
        this.mappingFingerprint = fingerprint;
    }

    /** The fingerprint of the mapping this pull reads with (ModelMapping#fingerprint), committed with checkpoints. */
    String mappingFingerprint() {
        return mappingFingerprint;
    }

    public long records() {
        return records;
    }

    @Override
    public String toString() {
        return "pull of " + model + " for tenant " + tenant + (drainSecond != null ? " draining " + drainSecond
                + " after id " + drainAfterId : " from " + (scanFrom == null ? "the beginning" : scanFrom));
    }
}
