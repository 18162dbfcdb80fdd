package io.odoopulse.canonical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent consumer for a whole page, and the store behind it. A mapped page ({@link CanonicalPage}) asks the
 * idempotent repository once which of its keys are already remembered; the others' records are upserted with one
 * batch per canonical type, and their keys remembered, in one transaction. A crash therefore leaves a page either
 * wholly stored and remembered or not at all, and a page read again is dropped as a whole. What does not go this
 * way goes through the record route one by one: the records the mapping refused, and, should the page's transaction
 * fail (one record the database refuses), every record the page would have stored, so that only the one at fault is
 * dead-lettered.
 */
public class CanonicalBatch {

    /** The exchange property holding the mapped page ({@link CanonicalPage}). */
    public static final String PAGE = "pulsePage";
    /** The exchange property holding the entries a page stored (for the records extension point). */
    public static final String STORED = "pulseStored";
    /**
     * Exchange property set by the deletion reconciliation's re-read: its records revive rows the store marked
     * deleted ({@link CanonicalStore#storeAll(List, boolean)}).
     */
    public static final String REVIVE = "pulseRevive";
    /** The route that maps, checks and stores one record: a page's refused records, replays. */
    public static final String RECORD_ENDPOINT = "direct:canonical-record";

    private static final Logger LOG = LoggerFactory.getLogger(CanonicalBatch.class);

    private final CanonicalStore store;
    private final PageIdempotentRepository keys;
    private final TransactionTemplate transaction;

    public CanonicalBatch(CanonicalStore store, JdbcTemplate jdbc, PageIdempotentRepository keys) {
        this.store = store;
        this.keys = keys;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(
                Objects.requireNonNull(jdbc.getDataSource())));
    }

    /**
     * Stores the page's records not seen before, with their keys, in one transaction, and sets {@link #STORED}.
     *
     * @return the raw records to go through the record route one by one: those the mapping refused, and all of the
     *         page's unseen records if its transaction failed
     */
    public List<Object> storePage(Exchange exchange) {
        CanonicalPage page = exchange.getProperty(PAGE, CanonicalPage.class);
        exchange.removeProperty(PAGE);
        // A pull's pages share one exchange: what the last page stored is not this one's.
        exchange.removeProperty(STORED);
        boolean revive = Boolean.TRUE.equals(exchange.getProperty(REVIVE, Boolean.class));
        List<Object> alone = new ArrayList<>(page.refused());
        // A key twice on one page (the same record read twice) is stored once, as the record route would.
        Map<String, CanonicalPage.Entry> byKey = new LinkedHashMap<>();
        page.entries().forEach(entry -> byKey.putIfAbsent(entry.key(), entry));
        List<CanonicalPage.Entry> unseen = new ArrayList<>();
        try {
            Set<String> seen = byKey.isEmpty() ? Set.of() : keys.seen(byKey.keySet());
            byKey.values().stream().filter(entry -> !seen.contains(entry.key())).forEach(unseen::add);
            if (!unseen.isEmpty()) {
                List<Record> records = unseen.stream().map(CanonicalPage.Entry::record).toList();
                transaction.executeWithoutResult(status -> {
                    store.storeAll(records, revive);
                    keys.addAll(unseen.stream().map(CanonicalPage.Entry::key).toList());
                });
                exchange.setProperty(STORED, unseen);
            }
        } catch (RuntimeException e) {
            List<CanonicalPage.Entry> failed = unseen.isEmpty() ? List.copyOf(byKey.values()) : unseen;
            // The database's own words tell a lock timeout from a broken store.
            Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
            LOG.warn("tenant {}: storing a page of {} {} records in one batch failed ({}{}); storing them one by one",
                    exchange.getMessage().getHeader("pulseTenant"), failed.size(),
                    exchange.getMessage().getHeader("pulseModel"), e.getClass().getSimpleName(),
                    cause == e ? "" : ", caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            failed.forEach(entry -> alone.add(entry.raw()));
            exchange.removeProperty(STORED);
        }
        return alone;
    }

    /** The last step for a record that goes alone: into the store at once (its key follows, from the consumer). */
    public void storeRecord(@ExchangeProperty(REVIVE) Boolean revive, @Body Record record) {
        store.storeAll(List.of(record), Boolean.TRUE.equals(revive));
    }
}
