package io.odoopulse.canonical;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The idempotent consumer's repository: Camel's JDBC one, except that while a page is being collected
 * ({@link CanonicalBatch#PAGE}) the keys it would add are held on the page and written by
 * {@link CanonicalBatch#flush} in the same transaction as the page's records. A key remembered before its record is
 * stored would lose the record in a crash between the two; this way neither is written without the other.
 */
public class PageIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final IdempotentRepository stored;

    public PageIdempotentRepository(IdempotentRepository stored) {
        this.stored = stored;
    }

    @Override
    public boolean contains(Exchange exchange, String key) {
        CanonicalBatch.Page page = page(exchange);
        return page != null && page.hasKey(key) || stored.contains(key);
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        CanonicalBatch.Page page = page(exchange);
        return page != null ? page.addKey(key) : stored.add(key);
    }

    @Override
    public boolean remove(Exchange exchange, String key) {
        CanonicalBatch.Page page = page(exchange);
        return page != null ? page.removeKey(key) : stored.remove(key);
    }

    @Override
    public boolean confirm(Exchange exchange, String key) {
        return true;
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
        return true;
    }

    @Override
    public void clear() {
        stored.clear();
    }

    @Override
    protected void doStart() throws Exception {
        org.apache.camel.support.service.ServiceHelper.startService(stored);
    }

    @Override
    protected void doStop() throws Exception {
        org.apache.camel.support.service.ServiceHelper.stopService(stored);
    }

    private static CanonicalBatch.Page page(Exchange exchange) {
        return exchange == null ? null : exchange.getProperty(CanonicalBatch.PAGE, CanonicalBatch.Page.class);
    }
}
