package io.odoopulse.canonical;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotent consumer's repository: Camel's JDBC one (table {@code CAMEL_MESSAGEPROCESSED}), which the record
 * route's idempotent consumer uses as it is, with two questions added for a whole page: which of its keys are
 * already remembered (one query, not one per record), and remember these keys (one batch, in the transaction that
 * stores their records, so that neither is written without the other).
 */
public class PageIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    /** Keys per query: a millisecond or so on either database. */
    private static final int KEYS_PER_QUERY = 100;

    private final IdempotentRepository stored;
    private final JdbcTemplate jdbc;
    private final String processorName;
    private final DatabaseProduct database;

    /**
     * @param stored        Camel's JDBC repository on the same table
     * @param processorName its processor name, so that page and record see the same keys
     */
    public PageIdempotentRepository(IdempotentRepository stored, JdbcTemplate jdbc, String processorName) {
        this.stored = stored;
        this.jdbc = jdbc;
        this.processorName = processorName;
        this.database = new DatabaseProduct(jdbc);
    }

    /** Those of {@code keys} already remembered. */
    public Set<String> seen(Collection<String> keys) {
        Set<String> seen = new HashSet<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            seen.addAll(database.is("H2") ? seenAsPairs(chunk) : seenAsList(chunk));
        }
        return seen;
    }

    /*
     * Each database reads the page's keys from the primary key (processorName, messageId) only when asked its way.
     * H2 takes pairs; with "processorName = ? AND messageId IN (...)" it reads every key of the processor, a scan
     * per query (0.4 s at 100,000 keys). PostgreSQL takes the list, as an index condition on both columns; the pairs
     * it turns into ORs, which it may filter over the processor's keys.
     */
    private List<String> seenAsPairs(List<String> keys) {
        List<Object> parameters = new ArrayList<>(2 * keys.size());
        keys.forEach(key -> {
            parameters.add(processorName);
            parameters.add(key);
        });
        return jdbc.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE (processorName, messageId) IN ("
                + "(?, ?), ".repeat(keys.size() - 1) + "(?, ?))", String.class, parameters.toArray());
    }

    private List<String> seenAsList(List<String> keys) {
        List<Object> parameters = new ArrayList<>(keys.size() + 1);
        parameters.add(processorName);
        parameters.addAll(keys);
        return jdbc.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId IN ("
                + "?, ".repeat(keys.size() - 1) + "?)", String.class, parameters.toArray());
    }

    /** Remembers the keys; one another instance remembered meanwhile is kept once. Joins the caller's transaction. */
    public void addAll(Collection<String> keys) {
        List<Object[]> rows = keys.stream().map(k -> new Object[] {processorName, k}).toList();
        jdbc.batchUpdate("MERGE INTO CAMEL_MESSAGEPROCESSED t USING (VALUES (CAST(? AS VARCHAR(255)),"
                + " CAST(? AS VARCHAR(255)))) AS s(processor_name, message_id) ON t.processorName = s.processor_name"
                + " AND t.messageId = s.message_id WHEN NOT MATCHED THEN INSERT (processorName, messageId, createdAt)"
                + " VALUES (s.processor_name, s.message_id, CURRENT_TIMESTAMP)", rows);
    }

    /**
     * Forgets the keys of these records (keys {@code tenant/model/id/...}, {@link RecordKeys}), so that reading them
     * again stores them even if unchanged: the deletion reconciliation's re-read of rows the store lacks or marked
     * deleted. A key forgotten without its record being stored again only costs a later re-store.
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

    @Override
    public boolean contains(String key) {
        return stored.contains(key);
    }

    @Override
    public boolean add(String key) {
        return stored.add(key);
    }

    @Override
    public boolean remove(String key) {
        return stored.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return stored.confirm(key);
    }

    @Override
    public void clear() {
        stored.clear();
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(stored);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(stored);
    }
}
