package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import io.odoopulse.support.RecordedDataset;
import io.odoopulse.support.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The canonical store and the idempotent repository; run on H2 and on PostgreSQL by the subclasses. */
abstract class CanonicalStoreContract {

    private final List<TestDatabase.Handle> databases = new ArrayList<>();

    /** A fresh, migrated database of the kind under test. */
    abstract TestDatabase.Handle database();

    TestDatabase.Handle fresh() {
        TestDatabase.Handle db = database();
        databases.add(db);
        return db;
    }

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestDatabase.Handle::close);
    }

    @Test
    void storesRecordsOfEveryCanonicalTypeAndReadsThemBackUnchanged() {
        CanonicalStore store = new CanonicalStore(fresh().jdbc());
        Map<Class<? extends Record>, List<Record>> byType = new HashMap<>();
        RecordedOdooMappingTest.mapped("17.0").values().forEach(records -> records.stream().limit(40)
                .forEach(r -> byType.computeIfAbsent(r.getClass(), t -> new ArrayList<>()).add(r)));
        // The recorded database has no point-of-sale order.
        byType.put(PosOrder.class, List.of(new PosOrder("acme", "odoo", "pos.order", 1, "17.0", "Shop/00001",
                OrderStatus.CONFIRMED, java.time.Instant.parse("2026-11-20T10:15:00Z"), "EUR", 2L, "EU BV", null, 1L,
                "Shop", new java.math.BigDecimal("1.95"), new java.math.BigDecimal("14.95"),
                java.time.Instant.parse("2026-11-20T10:16:00Z"))));
        // Nor any replenishment rule (its export left the model out).
        byType.put(ReorderRule.class, List.of(new ReorderRule("acme", "odoo", "stock.warehouse.orderpoint", 1, "17.0",
                6L, "[FURN_8888] Office Lamp", 8L, "WH/Stock", 1L, "YourCompany", 1L, "US Inc",
                new java.math.BigDecimal("5.5"), new java.math.BigDecimal("10"), "auto", false,
                java.time.Instant.parse("2026-11-20T10:16:00Z"))));
        // GenericRecord is fed only by a tenant's override (GenericRecordMappingTest), never by a shipped mapping.
        assertThat(byType.keySet()).containsExactlyInAnyOrderElementsOf(CanonicalTypes.all().stream()
                .filter(type -> type != GenericRecord.class).toList());

        store.storeAll(byType.values().stream().flatMap(List::stream).toList());

        for (Map.Entry<Class<? extends Record>, List<Record>> entry : byType.entrySet()) {
            List<List<Object>> read = store.all(entry.getKey(), "acme").stream().map(CanonicalStoreContract::values)
                    .toList();
            assertThat(read).as(entry.getKey().getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(entry.getValue().stream().map(CanonicalStoreContract::values)
                            .toList());
        }
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        CanonicalStore store = new CanonicalStore(fresh().jdbc());
        Invoice newer = invoice(7, "2026-11-02T10:00:00Z", "50.00");
        Invoice older = invoice(7, "2026-11-01T10:00:00Z", "100.00");

        store.storeAll(List.of(newer, older));
        store.store(older);

        assertThat(store.all(Invoice.class, "acme")).singleElement()
                .satisfies(i -> assertThat(i.amountResidual()).isEqualByComparingTo("50.00"));
    }

    @Test
    void everyWriteThatChangesATenantsRecordsRaisesItsRevisionAndNoOtherWriteDoes() {
        CanonicalStore store = new CanonicalStore(fresh().jdbc());
        assertThat(store.revision("acme")).isZero();

        store.storeAll(List.of(invoice(1, "2026-11-02T10:00:00Z", "50.00"), invoice(2, "2026-11-02T10:00:00Z", "5")));
        long stored = store.revision("acme");
        store.store(invoice(1, "2026-11-01T10:00:00Z", "100.00"));
        store.markDeleted("acme", "account.move", List.of(99L));

        assertThat(stored).isPositive();
        assertThat(store.revision("acme")).as("an older version and an id never stored change nothing")
                .isEqualTo(stored);
        store.markDeleted("acme", "account.move", List.of(2L));
        assertThat(store.revision("acme")).isGreaterThan(stored);
        long deleted = store.revision("acme");
        store.store(invoice(1, "2026-11-03T10:00:00Z", "40.00"));
        assertThat(store.revision("acme")).isGreaterThan(deleted);
        assertThat(store.revision("other")).isZero();
    }

    @Test
    void liveCountsAreCountedAgainAfterEveryWriteAndOnlyThen() {
        org.springframework.jdbc.core.JdbcTemplate jdbc = fresh().jdbc();
        CanonicalStore store = new CanonicalStore(jdbc);
        store.storeAll(List.of(invoice(1, "2026-11-02T10:00:00Z", "50.00"), invoice(2, "2026-11-02T10:00:00Z", "5")));
        assertThat(store.liveCounts("acme")).containsExactly(Map.entry("account.move", 2L));

        // Behind the store's back, so no revision: only a count read again would see it.
        jdbc.update("UPDATE canonical_invoice SET deleted_at = CURRENT_TIMESTAMP WHERE source_id = 2");
        assertThat(store.liveCounts("acme")).as("unchanged store, counts kept")
                .containsExactly(Map.entry("account.move", 2L));

        store.store(invoice(3, "2026-11-02T10:00:00Z", "7"));
        assertThat(store.liveCounts("acme")).containsExactly(Map.entry("account.move", 2L));
        store.markDeleted("acme", "account.move", List.of(1L));
        assertThat(store.liveCounts("acme")).containsExactly(Map.entry("account.move", 1L));
        assertThat(store.liveCounts("other")).isEmpty();
    }

    @Test
    void everyTenantsLiveCountsAreCountedAgainAfterAnyTenantsWriteAndOnlyThen() {
        org.springframework.jdbc.core.JdbcTemplate jdbc = fresh().jdbc();
        CanonicalStore store = new CanonicalStore(jdbc);
        store.storeAll(List.of(invoice(1, "2026-11-02T10:00:00Z", "50.00"), invoice(2, "2026-11-02T10:00:00Z", "5")));
        assertThat(store.liveCounts()).containsExactly(Map.entry("acme", Map.of("account.move", 2L)));

        // Behind the store's back, so no revision: only a count read again would see it.
        jdbc.update("UPDATE canonical_invoice SET deleted_at = CURRENT_TIMESTAMP WHERE source_id = 2");
        assertThat(store.liveCounts()).as("unchanged store, counts kept")
                .containsExactly(Map.entry("acme", Map.of("account.move", 2L)));

        store.store(invoice("other", 9, "2026-11-02T10:00:00Z", "7"));
        assertThat(store.liveCounts()).as("another tenant's write: every tenant counted again").containsExactly(
                Map.entry("acme", Map.of("account.move", 1L)), Map.entry("other", Map.of("account.move", 1L)));
    }

    @Test
    void aWriteOfATenantDoesNotWaitForAnotherWriteOfItsStillOpen() throws Exception {
        org.springframework.jdbc.core.JdbcTemplate jdbc = fresh().jdbc();
        CanonicalStore store = new CanonicalStore(jdbc);
        org.springframework.transaction.support.TransactionTemplate transaction =
                new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));
        java.util.concurrent.CountDownLatch stored = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        // A page of one model, stored and still open (its keys being written, say).
        Thread open = new Thread(() -> transaction.executeWithoutResult(status -> {
            store.store(invoice(1, "2026-11-02T10:00:00Z", "50.00"));
            stored.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        open.start();
        stored.await();

        try {
            // A page of another model of the same tenant, beside it.
            java.util.concurrent.CompletableFuture.runAsync(() -> store.store(invoice(2, "2026-11-02T10:00:00Z", "5")))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            commit.countDown();
            open.join();
        }
        assertThat(store.revision("acme")).isEqualTo(2);
    }

    @Test
    void aDeletedRecordDisappearsAndALateCopyDoesNotReviveIt() {
        CanonicalStore store = new CanonicalStore(fresh().jdbc());
        Invoice kept = invoice(1, "2026-11-01T10:00:00Z", "10");
        Invoice deleted = invoice(2, "2026-11-01T10:00:00Z", "20");
        store.storeAll(List.of(kept, deleted));

        int marked = store.markDeleted("acme", "account.move", List.of(2L, 99L));
        store.store(invoice(2, "2026-11-03T10:00:00Z", "30"));

        assertThat(marked).isEqualTo(1);
        assertThat(store.all(Invoice.class, "acme")).extracting(Invoice::sourceId).containsExactly(1L);
        assertThat(store.markDeleted("acme", "sale.order", List.of(1L))).isZero();
    }

    @Test
    void aDeletedRecordReadAgainBecauseOdooHasItIsLiveAgainWithItsValues() {
        CanonicalStore store = new CanonicalStore(fresh().jdbc());
        store.storeAll(List.of(invoice(1, "2026-11-01T10:00:00Z", "20")));
        store.markDeleted("acme", "account.move", List.of(1L));

        store.storeAll(List.of(invoice(1, "2026-11-01T10:00:00Z", "30")), true);

        assertThat(store.all(Invoice.class, "acme")).singleElement()
                .satisfies(i -> assertThat(i.amountResidual()).isEqualByComparingTo("30"));
        assertThat(store.liveIds("acme", "account.move", 0, Long.MAX_VALUE)).containsExactly(1L);
    }

    @Test
    void rowsMarkedDeletedAreStoredAgainByTheReconciliationsReReadButNotByAnOrdinaryRedelivery() throws Exception {
        TestDatabase.Handle db = fresh();
        List<Map<String, Object>> orders = RecordedDataset.records("17.0", "sale.order").subList(0, 10);
        CanonicalStore store = new CanonicalStore(db.jdbc());
        try (Pipeline pipeline = new Pipeline(db)) {
            pipeline.send(orders);
            store.markDeleted("acme", "sale.order", List.of(3L, 4L));
            pipeline.send(orders);
            assertThat(store.liveIds("acme", "sale.order", 0, Long.MAX_VALUE)).doesNotContain(3L, 4L);

            new PageIdempotentRepository(null, db.jdbc(), "odoo-pulse").forget("acme", "sale.order", List.of(3L, 4L));
            pipeline.sendReRead("sale.order", orders);
        }

        assertThat(store.liveIds("acme", "sale.order", 0, Long.MAX_VALUE)).hasSize(10);
        assertThat(processedKeys(db)).filteredOn(k -> k.startsWith("acme/sale.order/3/")).hasSize(1);
    }

    @Test
    void pagesFedThreeTimesOutOfOrderWithRedeliveriesEndAsOneCleanPass() throws Exception {
        List<List<Map<String, Object>>> pages = pages();

        TestDatabase.Handle clean = fresh();
        try (Pipeline pipeline = new Pipeline(clean)) {
            pages.forEach(pipeline::send);
        }

        TestDatabase.Handle messy = fresh();
        Random random = new Random(17017);
        try (Pipeline pipeline = new Pipeline(messy)) {
            for (int pass = 0; pass < 3; pass++) {
                List<List<Map<String, Object>>> shuffled = new ArrayList<>(pages);
                Collections.shuffle(shuffled, random);
                for (List<Map<String, Object>> page : shuffled) {
                    pipeline.send(page);
                    if (random.nextInt(3) == 0) {
                        pipeline.send(page); // redelivered
                    }
                }
            }
        }

        assertThat(state(messy)).isEqualTo(state(clean));
        assertThat(processedKeys(messy)).isEqualTo(processedKeys(clean)).isNotEmpty();
        // The newer version of the order changed twice wins, whatever the order the pages came in.
        Order changed = new CanonicalStore(messy.jdbc()).all(Order.class, "acme").stream()
                .filter(o -> o.sourceId() == 1).findFirst().orElseThrow();
        assertThat(changed.amountTotal()).isEqualByComparingTo("999.99");
    }

    @Test
    void aPageIsStoredInOneBatchWithItsKeysAndARecordTwiceOnItOnce() throws Exception {
        List<Map<String, Object>> orders = new ArrayList<>(RecordedDataset.records("17.0", "sale.order").subList(0, 30));
        orders.add(orders.get(0));
        TestDatabase.Handle db = fresh();

        try (Pipeline pipeline = new Pipeline(db)) {
            pipeline.send(orders);
        }

        assertThat(new CanonicalStore(db.jdbc()).all(Order.class, "acme")).hasSize(30);
        assertThat(processedKeys(db)).hasSize(30);
    }

    @Test
    void theKeysOfAPageAlreadySeenAreFoundWithOneQueryPerHundredKeys() {
        TestDatabase.Handle db = fresh();
        List<String> queries = Collections.synchronizedList(new ArrayList<>());
        org.springframework.jdbc.core.JdbcTemplate counting = new org.springframework.jdbc.core.JdbcTemplate(
                db.dataSource()) {
            @Override
            public <T> List<T> queryForList(String sql, Class<T> elementType, Object... args) {
                queries.add(sql);
                return super.queryForList(sql, elementType, args);
            }
        };
        PageIdempotentRepository keys = new PageIdempotentRepository(null, counting, "odoo-pulse");
        List<String> page = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            page.add("acme/sale.order/" + i + "/2026-12-05T01:00:00Z/digest");
        }
        keys.addAll(page.subList(0, 140));
        keys.addAll(List.of("other/sale.order/900/x"));

        assertThat(keys.seen(page)).containsExactlyInAnyOrderElementsOf(page.subList(0, 140));
        assertThat(queries).hasSize(3);
    }

    @Test
    void aPageReadAgainOnThePullsExchangeStoresNothingAndHandsNothingOnAsStored() {
        TestDatabase.Handle db = fresh();
        PageIdempotentRepository keys = new PageIdempotentRepository(null, db.jdbc(), "odoo-pulse");
        CanonicalBatch batch = new CanonicalBatch(new CanonicalStore(db.jdbc()), db.jdbc(), keys);
        List<Map<String, Object>> orders = RecordedDataset.records("17.0", "sale.order").subList(0, 5);
        Exchange pull = new org.apache.camel.support.DefaultExchange(new DefaultCamelContext());

        pull.setProperty(CanonicalBatch.PAGE, mapper17().mapPage("acme", "sale.order", null, orders));
        assertThat(batch.storePage(pull)).isEmpty();
        assertThat(pull.getProperty(CanonicalBatch.STORED, List.class)).hasSize(5);
        pull.setProperty(CanonicalBatch.PAGE, mapper17().mapPage("acme", "sale.order", null, orders));
        assertThat(batch.storePage(pull)).isEmpty();

        assertThat(pull.getProperty(CanonicalBatch.STORED)).isNull();
        assertThat(processedKeys(db)).hasSize(5);
    }

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAloneAndTheRestOfItsPageIsStored() throws Exception {
        List<Map<String, Object>> orders = new ArrayList<>(RecordedDataset.records("17.0", "sale.order").subList(0, 30));
        Map<String, Object> refused = new HashMap<>(orders.get(7));
        // canonical_order.currency holds 8 characters: the batch fails, the page goes again record by record.
        refused.put("currency_id", List.of(1, "A CURRENCY NAME TOO LONG FOR ITS COLUMN"));
        orders.set(7, refused);
        TestDatabase.Handle db = fresh();

        try (Pipeline pipeline = new Pipeline(db)) {
            pipeline.sendAllowingDeadLetters(orders);

            assertThat(pipeline.deadLetters).singleElement().satisfies(letter ->
                    assertThat(letter.getProperty("pulseRawRecord")).isEqualTo(refused));
        }
        List<Long> stored = new CanonicalStore(db.jdbc()).all(Order.class, "acme").stream().map(Order::sourceId)
                .toList();
        assertThat(stored).hasSize(29).doesNotContain(((Number) refused.get("id")).longValue());
        assertThat(processedKeys(db)).hasSize(29);
    }

    /** Recorded 17 orders and journal entries (some skipped: vendor bills), plus two later versions of order 1. */
    private static List<List<Map<String, Object>>> pages() {
        List<Map<String, Object>> records = new ArrayList<>();
        records.addAll(RecordedDataset.records("17.0", "sale.order").subList(0, 80));
        records.addAll(RecordedDataset.records("17.0", "account.move").subList(0, 80));
        Map<String, Object> order1 = records.stream().filter(r -> ((Number) r.get("id")).longValue() == 1
                && r.containsKey("date_order")).findFirst().orElseThrow();
        Map<String, Object> later = new HashMap<>(order1);
        later.put("write_date", "2026-12-01 00:00:00");
        later.put("amount_total", new BigDecimal("555.55"));
        Map<String, Object> latest = new HashMap<>(later);
        latest.put("write_date", "2026-12-02 00:00:00");
        latest.put("amount_total", new BigDecimal("999.99"));
        records.add(later);
        records.add(latest);
        List<List<Map<String, Object>>> pages = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 20) {
            pages.add(records.subList(i, Math.min(records.size(), i + 20)));
        }
        return pages;
    }

    private static List<Object> values(Record record) {
        return Arrays.stream(record.getClass().getRecordComponents()).map(c -> {
            try {
                Object value = c.getAccessor().invoke(record);
                return value instanceof BigDecimal d ? (Object) d.stripTrailingZeros().toPlainString()
                        : value == null ? "<null>" : value;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static Map<String, List<Map<String, Object>>> state(TestDatabase.Handle db) {
        Map<String, List<Map<String, Object>>> tables = new HashMap<>();
        for (Class<? extends Record> type : CanonicalTypes.all()) {
            String table = CanonicalStore.tableName(type);
            tables.put(table, db.jdbc().queryForList("SELECT * FROM " + table + " ORDER BY source_model, source_id"));
        }
        return tables;
    }

    private static TreeSet<String> processedKeys(TestDatabase.Handle db) {
        return new TreeSet<>(db.jdbc().queryForList(
                "SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'odoo-pulse'", String.class));
    }

    /** The application's mapper with the shipped Odoo 17 mapping. */
    static CanonicalMapper mapper17() {
        MappingFile mapping = MappingLoader.load(java.nio.file.Path.of("mappings/odoo-17.yaml"));
        return new CanonicalMapper(new CanonicalMapper.TenantMappings() {
            @Override
            public MappingFile mapping(String tenant) {
                return mapping;
            }

            @Override
            public String serverVersion(String tenant) {
                return "17.0";
            }
        }, new RecordKeys());
    }

    /** The shipped store routes (routes/canonical-store.camel.yaml) with the application's store, keys and idempotent repository. */
    static final class Pipeline implements AutoCloseable {
        private final CamelContext camel = new DefaultCamelContext();
        private final ProducerTemplate producer;
        final List<Exchange> deadLetters = Collections.synchronizedList(new ArrayList<>());

        Pipeline(TestDatabase.Handle db) throws Exception {
            JdbcMessageIdRepository repository = new JdbcMessageIdRepository(db.dataSource(), "odoo-pulse");
            repository.setCreateTableIfNotExists(false);
            camel.getRegistry().bind("canonicalMapper", mapper17());
            camel.getRegistry().bind("recordKeys", new RecordKeys());
            PageIdempotentRepository keys = new PageIdempotentRepository(repository, db.jdbc(), "odoo-pulse");
            camel.getRegistry().bind("pulseIdempotentRepository", keys);
            CanonicalStore store = new CanonicalStore(db.jdbc());
            camel.getRegistry().bind("canonicalStore", store);
            camel.getRegistry().bind("canonicalBatch", new CanonicalBatch(store, db.jdbc(), keys));
            camel.getRegistry().bind("deadLetterStore", new Object() {
                @SuppressWarnings("unused")
                public void store(Exchange exchange) {
                    deadLetters.add(exchange);
                }
            });
            camel.getRegistry().bind("pullFreshness", new io.odoopulse.pull.PullFreshness(db.jdbc(),
                    java.time.Clock.systemUTC()));
            io.odoopulse.routekit.Observers observers = new io.odoopulse.routekit.Observers();
            io.odoopulse.routekit.Observers.NAMES.forEach(name -> camel.getRegistry().bind(name, observers));
            for (String file : List.of("routes/dead-letter.camel.yaml", "routes/canonical-store.camel.yaml")) {
                PluginHelper.getRoutesLoader(camel).loadRoutes(
                        ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
            }
            camel.start();
            producer = camel.createProducerTemplate();
        }

        /** A pulled page through the shipped page route, one page per model as a pull reads them. */
        void send(List<Map<String, Object>> page) {
            sendAllowingDeadLetters(page);
            assertThat(deadLetters).isEmpty();
        }

        void sendAllowingDeadLetters(List<Map<String, Object>> page) {
            Map<String, List<Map<String, Object>>> byModel = new java.util.TreeMap<>();
            for (Map<String, Object> record : page) {
                String model = record.containsKey("move_type") ? "account.move" : "sale.order";
                byModel.computeIfAbsent(model, m -> new ArrayList<>()).add(record);
            }
            byModel.forEach((model, records) -> producer.sendBodyAndHeaders("direct:canonical-page", records,
                    Map.of("pulseTenant", "acme", "pulseModel", model)));
        }

        /** A deletion reconciliation's re-read, as the pull route hands it on. */
        void sendReRead(String model, List<Map<String, Object>> records) {
            producer.send("direct:canonical-page", exchange -> {
                exchange.setProperty(CanonicalBatch.REVIVE, true);
                exchange.getMessage().setBody(records);
                exchange.getMessage().setHeader("pulseTenant", "acme");
                exchange.getMessage().setHeader("pulseModel", model);
            });
            assertThat(deadLetters).isEmpty();
        }

        @Override
        public void close() {
            camel.stop();
        }
    }

    private static Invoice invoice(long id, String updatedAt, String residual) {
        return invoice("acme", id, updatedAt, residual);
    }

    private static Invoice invoice(String tenant, long id, String updatedAt, String residual) {
        return new Invoice(tenant, "odoo", "account.move", id, "17.0", "INV/" + id, DocumentStatus.POSTED,
                PaymentState.PARTIAL, java.time.LocalDate.of(2026, 11, 1), java.time.LocalDate.of(2026, 12, 1), 5L,
                "Deco Addict", null, "EUR", 3L, "Retail Europe", new BigDecimal("100"), BigDecimal.ZERO,
                new BigDecimal("100"), new BigDecimal(residual), Instant.parse(updatedAt));
    }
}
