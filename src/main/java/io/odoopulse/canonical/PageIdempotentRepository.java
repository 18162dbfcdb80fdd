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

    /**
     * Keys per query. Asked as (processorName, messageId) pairs, so that H2 looks each up in the primary key: with
     * {@code processorName = ? AND messageId IN (...)} it reads every key of the processor instead, a full scan per
     * query. 100 pairs cost H2 about a millisecond; 500 cost it twenty.
     */
    private static final int KEYS_PER_QUERY = 100;

    private final IdempotentRepository stored;
    private final JdbcTemplate jdbc;
    private final String processorName;

    /**
     * @param stored        Camel's JDBC repository on the same table
     * @param processorName its processor name, so that page and record see the same keys
     */
    public PageIdempotentRepository(IdempotentRepository stored, JdbcTemplate jdbc, String processorName) {
        this.stored = stored;
        this.jdbc = jdbc;
        this.processorName = processorName;
    }

    /** Those of {@code keys} already remembered. */
    public Set<String> seen(Collection<String> keys) {
        Set<String> seen = new HashSet<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            List<Object> parameters = new ArrayList<>(2 * chunk.size());
            chunk.forEach(key -> {
                parameters.add(processorName);
                parameters.add(key);
            });
            seen.addAll(jdbc.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE (processorName, messageId)"
                    + " IN (" + "(?, ?), ".repeat(chunk.size() - 1) + "(?, ?))", String.class, parameters.toArray()));
        }
        return seen;
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
