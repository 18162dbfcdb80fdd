package io.odoopulse.canonical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a pulled page in batches: the records that pass the idempotent consumer are collected on the page, then
 * upserted with one batch per canonical type, and their idempotent keys remembered, in one transaction. A crash
 * therefore leaves a page either wholly stored and remembered or not at all. Without a page (a replay from the
 * dead-letter store) a record is stored at once, as before. Should the batch fail (one record the database refuses),
 * the page goes through the route again record by record, so only the record at fault is dead-lettered.
 */
public class CanonicalBatch {

    /** The exchange property holding the page being collected; the split's records share it. */
    public static final String PAGE = "pulsePage";
    /**
     * Exchange property (or header, record by record) set by the deletion reconciliation's re-read: its records
     * revive rows the store marked deleted ({@link CanonicalStore#storeAll(List, boolean)}).
     */
    public static final String REVIVE = "pulseRevive";
    /** The route that maps, checks and stores or collects one record (routes/canonical-store.camel.yaml). */
    public static final String RECORD_ENDPOINT = "direct:canonical-record";

    private static final Logger LOG = LoggerFactory.getLogger(CanonicalBatch.class);

    /** What a page collected: the canonical records, their raw source records and their idempotent keys. */
    public static final class Page {
        private final List<Record> records = new ArrayList<>();
        private final List<Object> raws = new ArrayList<>();
        private final Set<String> keys = new LinkedHashSet<>();
        private final boolean revive;

        Page(boolean revive) {
            this.revive = revive;
        }

        synchronized void add(Record record, Object raw) {
            records.add(record);
            raws.add(raw);
        }

        synchronized boolean hasKey(String key) {
            return keys.contains(key);
        }

        synchronized boolean addKey(String key) {
            return keys.add(key);
        }

        synchronized boolean removeKey(String key) {
            return keys.remove(key);
        }

        synchronized int size() {
            return records.size();
        }
    }

    private final CanonicalStore store;
    private final JdbcTemplate jdbc;
    private final ProducerTemplate producer;
    private final String processorName;
    private final TransactionTemplate transaction;
    private final String recordRoute;

    /**
     * @param processorName the idempotent repository's processor name, so keys land where it looks them up
     * @param recordRoute   the endpoint that maps, checks and stores one record (the page's fallback)
     */
    public CanonicalBatch(CanonicalStore store, JdbcTemplate jdbc, ProducerTemplate producer, String processorName,
                          String recordRoute) {
        this.store = store;
        this.jdbc = jdbc;
        this.producer = producer;
        this.processorName = processorName;
        this.recordRoute = recordRoute;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(
                Objects.requireNonNull(jdbc.getDataSource())));
    }

    /** A new, empty page, to be set as the {@link #PAGE} property before a split. */
    public Page open(@ExchangeProperty(REVIVE) Boolean revive) {
        return new Page(Boolean.TRUE.equals(revive));
    }

    /** The last step for one record: onto the page, or straight into the store when there is none. */
    public void collect(@ExchangeProperty(PAGE) Page page, @ExchangeProperty("pulseRawRecord") Object raw,
                        @Header(REVIVE) Boolean revive, @Body Record record) {
        if (page == null) {
            store.storeAll(List.of(record), Boolean.TRUE.equals(revive));
        } else {
            page.add(record, raw);
        }
    }

    /** After the split: the page's records and keys in one transaction; record by record if that fails. */
    public void flush(Exchange exchange) {
        Page page = exchange.getProperty(PAGE, Page.class);
        exchange.removeProperty(PAGE);
        if (page == null || page.size() == 0) {
            return;
        }
        List<Record> records;
        List<Object> raws;
        List<String> keys;
        synchronized (page) {
            records = List.copyOf(page.records);
            raws = new ArrayList<>(page.raws);
            keys = List.copyOf(page.keys);
        }
        try {
            transaction.executeWithoutResult(status -> {
                store.storeAll(records, page.revive);
                remember(keys);
            });
        } catch (RuntimeException e) {
            String tenant = exchange.getMessage().getHeader("pulseTenant", String.class);
            String model = exchange.getMessage().getHeader("pulseModel", String.class);
            LOG.warn("tenant {}: storing a page of {} {} records in one batch failed ({}); storing them one by one",
                    tenant, records.size(), model, e.getClass().getSimpleName());
            for (Object raw : raws) {
                producer.sendBodyAndHeaders(recordRoute, raw, Map.of("pulseTenant", tenant, "pulseModel", model,
                        REVIVE, page.revive));
            }
        }
    }

    /**
     * Forgets the idempotent keys of these records (keys {@code tenant/model/id/...}, {@link RecordKeys}), so that
     * reading them again stores them even if unchanged: the deletion reconciliation's re-read of rows the store
     * lacks or marked deleted. A key forgotten without its record being stored again only costs a later re-store.
     */
    public void forget(String tenant, String model, List<Long> sourceIds) {
        List<Object[]> rows = sourceIds.stream().map(id -> new Object[] {processorName,
                likeEscaped(tenant + "/" + model + "/" + id + "/") + "%"}).toList();
        jdbc.batchUpdate("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId LIKE ? ESCAPE '\\'",
                rows);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The keys, as Camel's JDBC repository stores them; a key another instance stored meanwhile is kept once. */
    private void remember(List<String> keys) {
        List<Object[]> rows = keys.stream().map(k -> new Object[] {processorName, k}).toList();
        jdbc.batchUpdate("MERGE INTO CAMEL_MESSAGEPROCESSED t USING (VALUES (CAST(? AS VARCHAR(255)),"
                + " CAST(? AS VARCHAR(255)))) AS s(processor_name, message_id) ON t.processorName = s.processor_name"
                + " AND t.messageId = s.message_id WHEN NOT MATCHED THEN INSERT (processorName, messageId, createdAt)"
                + " VALUES (s.processor_name, s.message_id, CURRENT_TIMESTAMP)", rows);
    }
}
