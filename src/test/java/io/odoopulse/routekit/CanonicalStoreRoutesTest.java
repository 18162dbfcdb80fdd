package io.odoopulse.routekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.odoopulse.canonical.CanonicalPage;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/canonical-store.camel.yaml: a page is mapped and stored at once; what cannot go with its page (a record the
 * mapping refuses, a page whose store failed) goes through the record route alone, where a failure dead-letters
 * that record with its payload.
 */
class CanonicalStoreRoutesTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/canonical-store.camel.yaml");
    }

    /** A pull's pages share one exchange: two pages in a row, as the pull route's loop hands them on. */
    @Override
    protected org.apache.camel.RoutesBuilder[] createRouteBuilders() throws Exception {
        List<org.apache.camel.RoutesBuilder> builders = new ArrayList<>(List.of(super.createRouteBuilders()));
        builders.add(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:two-pages").setProperty("page", body()).loop(2)
                        .setBody(exchangeProperty("page")).to("direct:canonical-page");
            }
        });
        return builders.toArray(org.apache.camel.RoutesBuilder[]::new);
    }

    record Order(String name) {
    }

    /** The mapping: a record named "vendor bill" is not part of the model; one without a name cannot be read. */
    public static class Mapper {
        final List<Integer> pages = new CopyOnWriteArrayList<>();

        public Object map(Map<String, Object> raw) {
            if (!raw.containsKey("name")) {
                throw new IllegalArgumentException("record " + raw.get("id") + ": required field 'name' is empty");
            }
            return "vendor bill".equals(raw.get("name")) ? null : new Order((String) raw.get("name"));
        }

        public CanonicalPage mapPage(List<Map<String, Object>> raws) {
            pages.add(raws.size());
            CanonicalPage page = new CanonicalPage();
            for (Map<String, Object> raw : raws) {
                try {
                    Object order = map(raw);
                    if (order != null) {
                        page.add(raw, (Order) order, "key " + raw.get("name"));
                    }
                } catch (IllegalArgumentException e) {
                    page.refuse(raw);
                }
            }
            return page;
        }
    }

    public static class Keys {
        public String key(Order order) {
            return "key " + order.name();
        }
    }

    /** The store: pages and single records as they arrive; with {@code refuse} set, a page's store fails. */
    public static class Batch {
        final List<List<String>> pages = new CopyOnWriteArrayList<>();
        final List<String> alone = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

        public List<Object> storePage(Exchange exchange) {
            CanonicalPage page = exchange.getProperty("pulsePage", CanonicalPage.class);
            exchange.removeProperty("pulseStored");
            List<Object> goAlone = new ArrayList<>(page.refused());
            if (refuse) {
                page.entries().forEach(entry -> goAlone.add(entry.raw()));
            } else {
                List<CanonicalPage.Entry> unseen = page.entries().stream().filter(e -> seen.add(e.key())).toList();
                if (!unseen.isEmpty()) {
                    pages.add(unseen.stream().map(entry -> ((Order) entry.record()).name()).toList());
                    exchange.setProperty("pulseStored", unseen);
                }
            }
            return goAlone;
        }

        public void storeRecord(Order order) {
            alone.add(order.name());
        }
    }

    final Mapper mapper = new Mapper();
    final Batch batch = new Batch();

    @BeforeEach
    void stubs() {
        bind("canonicalMapper", mapper);
        bind("recordKeys", new Keys());
        bind("canonicalBatch", batch);
        bind("pulseIdempotentRepository", new MemoryIdempotentRepository());
    }

    @Test
    void aPageIsMappedAndStoredAsOneWithoutRecordsOutsideTheModel() throws Exception {
        start();

        template.sendBody("direct:canonical-page", List.of(Map.of("id", 1, "name", "S001"),
                Map.of("id", 2, "name", "S002"), Map.of("id", 3, "name", "vendor bill")));

        assertThat(mapper.pages).containsExactly(3);
        assertThat(batch.pages).containsExactly(List.of("S001", "S002"));
        assertThat(batch.alone).isEmpty();
    }

    @Test
    void aRecordTheMappingRefusesIsDeadLetteredAloneAsOdooReturnedItAndTheRestOfThePageIsStored() throws Exception {
        MockEndpoint deadLetters = deadLetters();
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedPropertyReceived("pulseRawRecord", Map.of("id", 7));
        start();

        template.sendBody("direct:canonical-page", List.of(Map.of("id", 7), Map.of("id", 8, "name", "S008")));

        deadLetters.assertIsSatisfied();
        assertThat(batch.pages).containsExactly(List.of("S008"));
    }

    @Test
    void aPageThatCouldNotBeStoredGoesRecordByRecordAndARecordSeenTwiceIsStoredOnce() throws Exception {
        batch.refuse = true;
        start();

        template.sendBody("direct:canonical-page", List.of(Map.of("id", 1, "name", "S001"),
                Map.of("id", 2, "name", "S002")));
        template.sendBody("direct:canonical-page", List.of(Map.of("id", 1, "name", "S001")));

        assertThat(batch.pages).isEmpty();
        assertThat(batch.alone).containsExactly("S001", "S002");
    }

    @Test
    void withRecordExtensionsEachStoredRecordReachesSedaPulseRecordsWithItsKey() throws Exception {
        property("pulse.extensions.records", "true");
        MockEndpoint records = replace("canonical-extension", "seda:pulse.records*");
        records.expectedBodiesReceivedInAnyOrder(new Order("S001"), new Order("S002"));
        records.expectedHeaderValuesReceivedInAnyOrder("pulseRecordKey", "key S001", "key S002");
        records.expectedHeaderReceived("pulseModel", "sale.order");
        start();

        // The second page is the first read again: nothing new on it, nothing handed on.
        template.sendBodyAndHeader("direct:two-pages", List.of(Map.of("id", 1, "name", "S001"),
                Map.of("id", 2, "name", "S002"), Map.of("id", 3, "name", "vendor bill")), "pulseModel", "sale.order");

        records.assertIsSatisfied();
    }

    @Test
    void withRecordExtensionsOffNothingReachesSedaPulseRecords() throws Exception {
        MockEndpoint records = replace("canonical-extension", "seda:pulse.records*");
        records.expectedMessageCount(0);
        start();

        template.sendBody("direct:canonical-page", List.of(Map.of("id", 1, "name", "S001")));

        records.assertIsSatisfied(200);
        assertThat(batch.pages).containsExactly(List.of("S001"));
    }
}
