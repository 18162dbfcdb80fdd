package io.odoopulse.routekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/canonical-store.camel.yaml: each record of a page is mapped, dropped if already seen, and collected onto
 * its page, which is stored once after the split; a record the mapping cannot read is dead-lettered alone.
 */
class CanonicalStoreRoutesTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/canonical-store.camel.yaml");
    }

    /** The mapping: a record named "vendor bill" is not part of the model; one without a name cannot be read. */
    public static class Mapper {
        public Object map(Map<String, Object> raw) {
            if (!raw.containsKey("name")) {
                throw new IllegalArgumentException("record " + raw.get("id") + ": required field 'name' is empty");
            }
            return "vendor bill".equals(raw.get("name")) ? null : "order " + raw.get("name");
        }
    }

    /** The record key: its content, so an unchanged record read twice has the same key. */
    public static class Keys {
        public String key(Object record) {
            return "acme/sale.order/" + record;
        }
    }

    /** The page: what was collected and when it was stored. */
    public static class Batch {
        final List<Object> collected = new CopyOnWriteArrayList<>();
        final List<List<Object>> stored = new CopyOnWriteArrayList<>();

        public List<Object> open() {
            return new CopyOnWriteArrayList<>();
        }

        @SuppressWarnings("unchecked")
        public void collect(Exchange exchange) {
            exchange.getProperty("pulsePage", List.class).add(exchange.getMessage().getBody());
            collected.add(exchange.getMessage().getBody());
        }

        @SuppressWarnings("unchecked")
        public void flush(Exchange exchange) {
            stored.add(List.copyOf(exchange.getProperty("pulsePage", List.class)));
        }
    }

    final Batch batch = new Batch();

    @BeforeEach
    void stubs() {
        bind("canonicalMapper", new Mapper());
        bind("recordKeys", new Keys());
        bind("canonicalBatch", batch);
        bind("pulseIdempotentRepository", new MemoryIdempotentRepository());
    }

    @Test
    void aPageIsStoredOnceWithoutRecordsAlreadySeenOrOutsideTheModel() throws Exception {
        start();
        template.sendBody("direct:canonical-page", List.of(Map.of("id", 1, "name", "S001")));

        template.sendBody("direct:canonical-page", List.of(Map.of("id", 1, "name", "S001"),
                Map.of("id", 2, "name", "S002"), Map.of("id", 3, "name", "vendor bill")));

        assertThat(batch.stored).containsExactly(List.of("order S001"), List.of("order S002"));
    }

    @Test
    void aRecordTheMappingCannotReadIsDeadLetteredAloneAsOdooReturnedIt() throws Exception {
        MockEndpoint deadLetters = deadLetters();
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedPropertyReceived("pulseRawRecord", Map.of("id", 7));
        start();

        template.sendBody("direct:canonical-page", List.of(Map.of("id", 7), Map.of("id", 8, "name", "S008")));

        deadLetters.assertIsSatisfied();
        assertThat(batch.stored).containsExactly(List.of("order S008"));
    }

    @Test
    void withRecordExtensionsOnEachStoredRecordReachesSedaPulseRecords() throws Exception {
        property("pulse.extensions.records", "true");
        MockEndpoint records = replace("canonical-record", "seda:pulse.records*");
        records.expectedBodiesReceivedInAnyOrder("order S001", "order S002");
        records.expectedHeaderReceived("pulseModel", "sale.order");
        start();

        template.sendBodyAndHeader("direct:canonical-page", List.of(Map.of("id", 1, "name", "S001"),
                Map.of("id", 2, "name", "S002"), Map.of("id", 3, "name", "vendor bill")), "pulseModel", "sale.order");

        records.assertIsSatisfied();
    }
}
