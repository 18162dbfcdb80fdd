package io.odoopulse.demo.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic retail history: the same (seed, orders, asOf, flavour) always yields the same
 * records, shaped exactly like the recorded exports of that Odoo version (every stored field present).
 * Rows are built by cloning a per-model template row, which keeps a million orders affordable.
 */
final class DatasetGenerator {

    static final int USD = 1;
    static final int EUR = 126;
    static final int COMPANY_US = 1;
    static final int COMPANY_EU = 2;
    static final String COMPANY_US_NAME = "My Company (San Francisco)";
    static final String COMPANY_EU_NAME = "Retail Europe B.V.";
    static final List<Object> ADMIN = List.of(2, "Mitchell Admin");
    static final List<Object> ODOOBOT = List.of(1, "OdooBot");
    static final int HISTORY_DAYS = 120;
    static final double TAX_RATE = 0.15;
    /**
     * Invoices, payments and stock moves are generated for the newest this-many orders only: a million orders with
     * full accounting and stock does not fit a test JVM's heap. Older confirmed orders still read as invoiced and
     * delivered on the order itself.
     */
    static final int DOCUMENTED_ORDERS = 100_000;

    private static final String[] FIRST = {"Anna", "Quinn", "Chloe", "Liam", "Noah", "Emma", "Olivia", "Lucas", "Mia",
            "Sofia", "Jonas", "Lea", "Mateo", "Ava", "Elias", "Nora", "Hugo", "Ines", "Oscar", "Zoe"};
    private static final String[] LAST = {"Hansen", "Thomas", "Garcia", "Müller", "Dubois", "Rossi", "Smith", "Jensen",
            "Novak", "Peeters", "Silva", "Kowalski", "Larsen", "Moreau", "Weber", "Brown"};
    private static final String[] ITEMS = {"Oak Side Table", "Walnut Bookshelf", "Steel Filing Cabinet", "Linen Armchair",
            "Desk Lamp", "Floor Lamp", "Bar Stool", "Standing Desk", "Office Chair", "Wall Shelf", "Coffee Table",
            "Dining Chair", "Pendant Light", "Rug 200x300", "Mirror Round", "Plant Stand", "Storage Box", "Coat Rack",
            "Bean Bag", "Sofa 3-Seater", "Bedside Table", "TV Bench", "Magazine Rack", "Shoe Cabinet", "Desk Organizer",
            "Table Runner", "Cushion Set", "Curtain Pair", "Picture Frame", "Vase Ceramic", "Clock Wall", "Candle Holder",
            "Assembly Service", "Delivery Service", "Design Consultation", "Extended Warranty"};
    private static final String[] CATEGORIES = {"Furniture", "Lighting", "Decor", "Services"};

    private final OdooDatabase db;
    private final OdooFlavour flavour;
    private final DatasetSource.Generated spec;
    private final SplittableRandom rnd;
    /** Draws for invoices, payments, stock and archiving: a stream of its own keeps orders as they were. */
    private final SplittableRandom extra;
    /** Draws for channels (web shop, UTM, point of sale): a stream of its own keeps the rest as it was. */
    private final SplittableRandom channels;
    /** Draws for replenishment rules: a stream of its own keeps the rest as it was. */
    private final SplittableRandom rules;
    private final Map<String, Map<String, Object>> templates;
    private final long asOfMicros;

    private DatasetGenerator(OdooDatabase db, OdooFlavour flavour, DatasetSource.Generated spec) {
        this.db = db;
        this.flavour = flavour;
        this.spec = spec;
        this.rnd = new SplittableRandom(spec.seed());
        this.extra = new SplittableRandom(spec.seed() * 31 + 7);
        this.channels = new SplittableRandom(spec.seed() * 131 + 3);
        this.rules = new SplittableRandom(spec.seed() * 137 + 11);
        this.asOfMicros = Times.micros(spec.asOf());
        this.templates = loadTemplates(flavour);
    }

    static void generate(OdooDatabase db, OdooFlavour flavour, DatasetSource.Generated spec) {
        new DatasetGenerator(db, flavour, spec).run();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> loadTemplates(OdooFlavour f) {
        String base = "io/odoopulse/demo/simulator/meta/" + f.metadataVersion() + "/";
        try (InputStream in = resource(base + "templates.json")) {
            Map<String, Object> raw = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
            raw.forEach((k, v) -> out.put(k, (Map<String, Object>) v));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DatasetGenerator.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException("missing resource " + name);
        return in;
    }

    private Table table(String model) {
        if (db.table(model) == null) {
            String name = "io/odoopulse/demo/simulator/meta/" + flavour.metadataVersion() + "/" + model + ".fields.json";
            try (InputStream in = resource(name)) {
                ModelMeta meta = DatasetLoader.metaFrom(model, in);
                // 16 borrows 17's metadata only where the real 16's fields_get was not recorded
                db.addModel(flavour == OdooFlavour.V16 && ServerMeta.fieldsGet(flavour).containsKey(model)
                        ? ServerMeta.recorded(model, flavour)
                        : ServerMeta.complete(flavour == OdooFlavour.V16 ? Odoo16Fields.adapt(meta) : meta, flavour));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Table t = db.table(model);
            for (String k : templates.get(model).keySet()) {
                if (!k.endsWith("_us")) t.column(k);
            }
            if (flavour == OdooFlavour.V16) Odoo16Fields.added(model).forEach(t::column);
        }
        return db.table(model);
    }

    /** A neutral row of the model: template scalars kept, relations emptied, dates cleared. */
    private Object[] baseRow(Table t) {
        Map<String, Object> tpl = templates.get(t.model);
        Object[] row = t.newRow(0);
        for (Map.Entry<String, Object> e : tpl.entrySet()) {
            String k = e.getKey();
            int col = t.columnIndex(k);
            if (col <= 0) continue;
            String type = t.meta.type(k);
            Object v = e.getValue();
            if ("many2one".equals(type) || "date".equals(type) || "datetime".equals(type)) v = Boolean.FALSE;
            else if (ModelMeta.isX2many(type)) v = List.of();
            else if (v instanceof List<?> l) v = List.copyOf(l);
            row[col] = v;
        }
        return row;
    }

    private final class Builder {
        final Table t;
        final Object[] base;

        Builder(String model) {
            this.t = table(model);
            this.base = baseRow(t);
        }

        Object[] row(int id) {
            Object[] r = base.clone();
            r[0] = id;
            return r;
        }

        void set(Object[] row, String field, Object value) {
            int col = t.columnIndex(field);
            if (col > 0) row[col] = value;
        }

        void stamp(Object[] row, long createMicros, long writeMicros, List<Object> uid) {
            set(row, "create_date", createMicros);
            set(row, "write_date", writeMicros);
            set(row, "create_uid", uid);
            set(row, "write_uid", uid);
        }

        void insert(Object[] row) {
            t.insert(row);
        }
    }

    // ------------------------------------------------------------------ generation

    private long setupMicros;

    private void run() {
        setupMicros = asOfMicros - (HISTORY_DAYS + 10) * 86_400_000_000L + 123_456L;
        db.writeLocked(() -> {
            currencies();
            companies();
            rates();
            List<Customer> customers = partners();
            List<Product> products = products();
            locations();
            Ledger ledger = new Ledger();
            Stock stock = new Stock(products.size() + ITEMS.length + 1);
            orders(customers, products, ledger, stock);
            stock.receiptsAndQuants(products);
            posOrders(customers);
            stock.reorderRules();
            return null;
        });
    }

    private record Customer(int id, String name, int companyOnly) {}

    private record Product(int id, int templateId, String display, double listPrice, boolean storable) {}

    /** A many2one value of the template record: ids and labels of accounts, journals, rules differ by version. */
    private Object templateRef(String model, String field) {
        Object v = templates.get(model).get(field);
        return v instanceof List<?> l && l.size() == 2 ? List.copyOf(l) : Boolean.FALSE;
    }

    private void currencies() {
        Builder b = new Builder("res.currency");
        Object[] usd = b.row(USD);
        b.set(usd, "name", "USD");
        b.set(usd, "symbol", "$");
        b.set(usd, "full_name", "United States dollar");
        b.set(usd, "currency_unit_label", "Dollars");
        b.set(usd, "currency_subunit_label", "Cents");
        b.set(usd, "position", "before");
        b.set(usd, "active", true);
        b.set(usd, "rounding", 0.01);
        b.set(usd, "decimal_places", 2);
        b.stamp(usd, setupMicros, setupMicros, ODOOBOT);
        b.insert(usd);
        Object[] eur = b.row(EUR);
        b.set(eur, "name", "EUR");
        b.set(eur, "symbol", "€");
        b.set(eur, "full_name", "Euro");
        b.set(eur, "currency_unit_label", "Euros");
        b.set(eur, "currency_subunit_label", "Cents");
        b.set(eur, "position", "after");
        b.set(eur, "active", true);
        b.set(eur, "rounding", 0.01);
        b.set(eur, "decimal_places", 2);
        b.stamp(eur, setupMicros, setupMicros, ODOOBOT);
        b.insert(eur);
    }

    private void companies() {
        Builder b = new Builder("res.company");
        company(b, COMPANY_US, COMPANY_US_NAME, List.of(USD, "USD"), 1);
        company(b, COMPANY_EU, COMPANY_EU_NAME, List.of(EUR, "EUR"), 2);
    }

    private void company(Builder b, int id, String name, List<Object> currency, int partnerId) {
        Object[] r = b.row(id);
        b.set(r, "name", name);
        b.set(r, "currency_id", currency);
        b.set(r, "partner_id", List.of(partnerId, name));
        b.set(r, "sequence", 10);
        b.set(r, "active", true);
        b.set(r, "parent_path", id + "/");
        b.set(r, "email", false);
        b.stamp(r, setupMicros, setupMicros, ADMIN);
        b.insert(r);
    }

    /** Weekly EUR rates for the USD company (EUR per USD) and the inverse for the EUR company. */
    private void rates() {
        Builder b = new Builder("res.currency.rate");
        int id = 1;
        double rate = 0.92;
        LocalDate start = LocalDate.ofInstant(spec.asOf(), ZoneOffset.UTC).minusDays(HISTORY_DAYS);
        for (int week = 0; week <= HISTORY_DAYS / 7; week++) {
            rate = round(rate + (rnd.nextDouble() - 0.5) * 0.02, 4);
            LocalDate day = start.plusDays(week * 7L);
            long stamp = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 1000 + week;
            Object[] r = b.row(id++);
            b.set(r, "name", day.toString());
            b.set(r, "currency_id", List.of(EUR, "EUR"));
            b.set(r, "company_id", List.of(COMPANY_US, COMPANY_US_NAME));
            b.set(r, "rate", rate);
            b.stamp(r, stamp, stamp, ADMIN);
            b.insert(r);
            Object[] inv = b.row(id++);
            b.set(inv, "name", day.toString());
            b.set(inv, "currency_id", List.of(USD, "USD"));
            b.set(inv, "company_id", List.of(COMPANY_EU, COMPANY_EU_NAME));
            b.set(inv, "rate", round(1 / rate, 6));
            b.stamp(inv, stamp, stamp, ADMIN);
            b.insert(inv);
        }
    }

    private List<Customer> partners() {
        Builder b = new Builder("res.partner");
        partner(b, 1, COMPANY_US_NAME, true, 0, false);
        partner(b, 2, COMPANY_EU_NAME, true, 0, false);
        partner(b, 3, "Mitchell Admin", false, 0, false);
        List<Customer> customers = new ArrayList<>();
        int n = Math.max(20, Math.min(5000, spec.orders() / 10));
        for (int i = 0; i < n; i++) {
            int id = 10 + i;
            String name = FIRST[rnd.nextInt(FIRST.length)] + " " + LAST[rnd.nextInt(LAST.length)];
            boolean company = rnd.nextInt(5) == 0;
            if (company) name = LAST[rnd.nextInt(LAST.length)] + " " + (rnd.nextBoolean() ? "Interiors" : "Trading") + " " + (i + 1);
            int companyOnly = rnd.nextInt(10) == 0 ? COMPANY_EU : 0;
            partner(b, id, name, company, 1 + rnd.nextInt(30), companyOnly != 0);
            // one customer in 25 has been archived since: its orders stay, the contact is hidden by default
            if (extra.nextInt(25) == 0) b.t.row(id)[b.t.columnIndex("active")] = false;
            customers.add(new Customer(id, name, companyOnly));
        }
        return customers;
    }

    private void partner(Builder b, int id, String name, boolean isCompany, int customerRank, boolean euOnly) {
        Object[] r = b.row(id);
        b.set(r, "name", name);
        b.set(r, "complete_name", name);
        b.set(r, "display_name", name);
        b.set(r, "is_company", isCompany);
        b.set(r, "customer_rank", customerRank);
        b.set(r, "active", true);
        b.set(r, "type", "contact");
        b.set(r, "lang", "en_US");
        b.set(r, "commercial_partner_id", List.of(id, name));
        b.set(r, "company_id", euOnly ? List.of(COMPANY_EU, COMPANY_EU_NAME) : Boolean.FALSE);
        b.set(r, "email", customerRank > 0 ? name.toLowerCase().replace(' ', '.') + "@example.com" : Boolean.FALSE);
        b.set(r, "email_normalized", customerRank > 0 ? name.toLowerCase().replace(' ', '.') + "@example.com" : Boolean.FALSE);
        b.set(r, "city", customerRank > 0 ? (euOnly ? "Amsterdam" : "San Francisco") : Boolean.FALSE);
        long stamp = setupMicros + id * 1000L;
        b.stamp(r, stamp, stamp, ADMIN);
        b.insert(r);
    }

    private List<Product> products() {
        Builder cat = new Builder("product.category");
        category(cat, 1, "All", null);
        category(cat, 2, "Seed Retail", 1);
        for (int i = 0; i < CATEGORIES.length; i++) category(cat, 3 + i, CATEGORIES[i], 2);
        Builder tb = new Builder("product.template");
        Builder pb = new Builder("product.product");
        List<Product> out = new ArrayList<>();
        for (int i = 0; i < ITEMS.length; i++) {
            int id = i + 1;
            String name = ITEMS[i];
            boolean service = name.endsWith("Service") || name.endsWith("Consultation") || name.endsWith("Warranty");
            String code = i % 7 == 2 ? null : String.format("SEED-P%03d", id);
            String display = code == null ? name : "[" + code + "] " + name;
            double drawn = round(5 + rnd.nextDouble() * 995, 2);
            double price = i % 11 == 6 ? 0.0 : drawn; // a few articles never got a sales price
            int categ = service ? 6 : 3 + (i % 3);
            String categName = "Seed Retail / " + CATEGORIES[categ - 3];
            boolean archived = i == ITEMS.length - 5;
            long stamp = setupMicros + 3_600_000_000L + id * 1000L;
            Object[] t = tb.row(id);
            tb.set(t, "name", name);
            tb.set(t, "default_code", code == null ? Boolean.FALSE : code);
            tb.set(t, "list_price", price);
            tb.set(t, "categ_id", List.of(categ, categName));
            tb.set(t, "active", !archived);
            tb.set(t, "sale_ok", true);
            tb.set(t, "purchase_ok", !service);
            tb.set(t, "description_sale", i % 4 == 0 ? Boolean.FALSE : name + ". Seeded demo article " + id + ".");
            tb.set(t, "uom_id", List.of(1, "Units"));
            tb.set(t, "uom_po_id", List.of(1, "Units"));
            tb.set(t, "company_id", Boolean.FALSE);
            tb.set(t, "has_image", i % 3 != 0);
            // Most goods are on the web shop; some of them out of stock or lacking an image, as in a real shop.
            tb.set(t, "is_published", !service && i % 5 != 1);
            productType(tb, t, service);
            tb.set(t, "product_variant_ids", List.of(id));
            tb.set(t, "taxes_id", List.of(1));
            tb.stamp(t, stamp, stamp, ADMIN);
            tb.insert(t);
            Object[] p = pb.row(id);
            pb.set(p, "product_tmpl_id", List.of(id, display));
            pb.set(p, "default_code", code == null ? Boolean.FALSE : code);
            pb.set(p, "active", !archived);
            pb.set(p, "has_image", i % 3 != 0);
            pb.set(p, "combination_indices", "");
            pb.stamp(p, stamp, stamp, ADMIN);
            pb.insert(p);
            // Goods cost a little over half their drawn price, in every company (Odoo 19 values stock at cost).
            if (!service) {
                db.unitValue(id, null, round(drawn * 0.55, 2));
            }
            if (!archived && price > 0) out.add(new Product(id, id, display, price, !service));
        }
        return out;
    }

    /** 17 uses detailed_type; 18+ split it into type (consu/service/combo) and is_storable. */
    private void productType(Builder tb, Object[] t, boolean service) {
        if (flavour.atLeast(OdooFlavour.V18)) {
            tb.set(t, "type", service ? "service" : "consu");
            tb.set(t, "is_storable", !service);
        } else {
            tb.set(t, "type", service ? "service" : "product");
            tb.set(t, "detailed_type", service ? "service" : "product");
        }
    }

    private void category(Builder b, int id, String name, Integer parent) {
        Object[] r = b.row(id);
        String complete = parent == null ? name : (parent == 1 ? "All / " + name : "Seed Retail / " + name);
        if (parent != null && parent == 1) complete = name; // "Seed Retail" is a root-level catalogue
        b.set(r, "name", name);
        b.set(r, "complete_name", complete);
        b.set(r, "parent_id", parent == null || parent == 1 ? Boolean.FALSE : List.of(parent, "Seed Retail"));
        b.set(r, "parent_path", parent == null || parent == 1 ? id + "/" : parent + "/" + id + "/");
        b.stamp(r, setupMicros, setupMicros, ADMIN);
        b.insert(r);
    }

    private void orders(List<Customer> customers, List<Product> products, Ledger ledger, Stock stock) {
        Builder ob = new Builder("sale.order");
        Builder lb = new Builder("sale.order.line");
        ob.t.ensureCapacity(spec.orders());
        lb.t.ensureCapacity(spec.orders() * 3);
        long window = HISTORY_DAYS * 86_400_000_000L;
        int lineId = 1;
        List<Object> usd = List.of(USD, "USD");
        List<Object> eur = List.of(EUR, "EUR");
        List<Object> us = List.of(COMPANY_US, COMPANY_US_NAME);
        List<Object> eu = List.of(COMPANY_EU, COMPANY_EU_NAME);
        List<Object> team = List.of(1, "Sales");
        List<Object> units = List.of(1, "Units");
        List<Object> tax = List.of(1);
        // sorting by date keeps ids increasing with date_order, as orders entered over time get
        long[] dates = new long[spec.orders()];
        for (int i = 0; i < dates.length; i++) {
            double u = Math.pow(rnd.nextDouble(), 1.5); // skewed to recent days: ~15% in the last 7 days
            dates[i] = asOfMicros - 1_000_000L - (long) (u * window);
        }
        java.util.Arrays.sort(dates);
        for (int i = 0; i < dates.length; i++) {
            int id = i + 1;
            String name = String.format("S%05d", id);
            long dateOrder = dates[i] - Math.floorMod(dates[i], 1_000_000L); // whole seconds, as the UI stores it
            Customer c = customers.get(rnd.nextInt(customers.size()));
            boolean euOrder = c.companyOnly() == COMPANY_EU || rnd.nextInt(10) < 3;
            boolean eurCurrency = euOrder || rnd.nextInt(10) == 0;
            int pick = rnd.nextInt(100);
            String state = pick < 15 ? "draft" : pick < 25 ? "sent" : pick < 90 ? "sale" : "cancel";
            if (flavour == OdooFlavour.V16 && "sale".equals(state) && rnd.nextInt(4) == 0) state = "done";
            double fx = eurCurrency ? 0.92 : 1.0;
            int nLines = 1 + rnd.nextInt(4);
            List<Object> lineIds = new ArrayList<>(nLines);
            long create = dateOrder + rnd.nextLong(1_000_000L);
            long write = "draft".equals(state) ? create
                    : Math.min(asOfMicros - 1, create + rnd.nextLong(3 * 86_400_000_000L));
            if (rnd.nextInt(20) == 0) {
                // a nightly batch touched this order: many orders share one write_date (the keyset gotcha)
                long day = Math.floorDiv(write, 86_400_000_000L) + 1;
                write = Math.min(asOfMicros - 1, day * 86_400_000_000L + 2 * 3_600_000_000L + 424_242L);
                if (write < create) write = create;
            }
            double untaxed = 0;
            double taxTotal = 0;
            List<Object> orderRef = List.of(id, name);
            List<Object> partnerRef = List.of(c.id(), c.name());
            String lineState = flavour.atLeast(OdooFlavour.V17) && "done".equals(state) ? "sale" : state;
            boolean confirmed = "sale".equals(state) || "done".equals(state);
            // most confirmed orders are invoiced; deliveries leave within three days unless that is still ahead
            boolean invoiced = confirmed && extra.nextInt(100) < 85;
            long shipAt = dateOrder + (1 + extra.nextInt(3)) * 86_400_000_000L + extra.nextLong(3_600_000_000L);
            boolean shipped = confirmed && shipAt < asOfMicros;
            List<SaleLine> saleLines = new ArrayList<>(nLines);
            for (int l = 0; l < nLines; l++) {
                Product p = products.get(rnd.nextInt(products.size()));
                double qty = 1 + rnd.nextInt(5);
                double price = round(p.listPrice() * fx, 2);
                double subtotal = round(qty * price, 2);
                double lineTax = round(subtotal * TAX_RATE, 2);
                untaxed += subtotal;
                taxTotal += lineTax;
                Object[] r = lb.row(lineId);
                lb.set(r, "order_id", orderRef);
                lb.set(r, "name", p.display());
                lb.set(r, "product_id", List.of(p.id(), p.display()));
                lb.set(r, "product_uom_qty", qty);
                lb.set(r, "product_uom", units);
                lb.set(r, "price_unit", price);
                lb.set(r, "price_subtotal", subtotal);
                lb.set(r, "price_tax", lineTax);
                lb.set(r, "price_total", round(subtotal + lineTax, 2));
                lb.set(r, "price_reduce_taxexcl", price);
                lb.set(r, "price_reduce_taxinc", round(price * (1 + TAX_RATE), 2));
                lb.set(r, "tax_id", tax);
                lb.set(r, "sequence", 10 + l);
                lb.set(r, "state", lineState);
                lb.set(r, "company_id", euOrder ? eu : us);
                lb.set(r, "currency_id", eurCurrency ? eur : usd);
                lb.set(r, "order_partner_id", partnerRef);
                lb.set(r, "salesman_id", ADMIN);
                lb.set(r, "qty_delivered", shipped && p.storable() || confirmed && !p.storable() ? qty : 0.0);
                lb.set(r, "qty_invoiced", invoiced ? qty : 0.0);
                lb.set(r, "qty_to_invoice", confirmed && !invoiced ? qty : 0.0);
                lb.set(r, "untaxed_amount_invoiced", invoiced ? subtotal : 0.0);
                lb.set(r, "untaxed_amount_to_invoice", confirmed && !invoiced ? subtotal : 0.0);
                lb.set(r, "invoice_status", invoiced ? "invoiced" : confirmed ? "to invoice" : "no");
                lb.stamp(r, create, write, ADMIN);
                lb.insert(r);
                saleLines.add(new SaleLine(lineId, r, p, qty, price, subtotal, lineTax));
                lineIds.add(lineId++);
            }
            untaxed = round(untaxed, 2);
            taxTotal = round(taxTotal, 2);
            double total = round(untaxed + taxTotal, 2);
            Object[] o = ob.row(id);
            ob.set(o, "name", name);
            ob.set(o, "state", state);
            ob.set(o, "date_order", dateOrder);
            ob.set(o, "partner_id", partnerRef);
            ob.set(o, "partner_invoice_id", partnerRef);
            ob.set(o, "partner_shipping_id", partnerRef);
            ob.set(o, "company_id", euOrder ? eu : us);
            ob.set(o, "currency_id", eurCurrency ? eur : usd);
            ob.set(o, "currency_rate", eurCurrency && !euOrder ? fx : 1.0);
            ob.set(o, "amount_untaxed", untaxed);
            ob.set(o, "amount_tax", taxTotal);
            ob.set(o, "amount_total", total);
            ob.set(o, "amount_to_invoice", confirmed && !invoiced ? total : 0.0);
            ob.set(o, "amount_unpaid", invoiced ? 0.0 : total);
            ob.set(o, "invoice_status", invoiced ? "invoiced" : confirmed ? "to invoice" : "no");
            ob.set(o, "delivery_status", !confirmed ? Boolean.FALSE : shipped ? "full" : "pending");
            ob.set(o, "user_id", ADMIN);
            ob.set(o, "team_id", team);
            channel(ob, o);
            ob.set(o, "order_line", List.copyOf(lineIds));
            ob.set(o, "locked", "done".equals(state));
            ob.set(o, "validity_date", LocalDate.ofEpochDay(Math.floorDiv(dateOrder, 86_400_000_000L)).plusDays(30).toString());
            ob.set(o, "client_order_ref", rnd.nextInt(3) == 0 ? "PO-" + (100000 + rnd.nextInt(900000)) : Boolean.FALSE);
            ob.stamp(o, create, write, ADMIN);
            ob.insert(o);
            Sale sale = new Sale(id, name, dateOrder, partnerRef, euOrder ? eu : us, eurCurrency ? eur : usd,
                    eurCurrency && !euOrder ? fx : 1.0, o.length > 0 ? ob.t.raw(o, "client_order_ref") : Boolean.FALSE,
                    saleLines, untaxed, taxTotal, total);
            boolean documented = i >= dates.length - DOCUMENTED_ORDERS;
            if (invoiced && documented) ob.set(o, "amount_unpaid", ledger.invoice(sale, lb));
            if (shipped && documented) stock.deliver(sale, shipAt);
        }
    }


    /** UTM values as Odoo's demo data names them: [id, name]. */
    private static final List<List<Object>> MEDIA = List.of(List.of(1, "Website"), List.of(2, "Phone"),
            List.of(4, "Email"), List.of(7, "Facebook"));
    private static final List<List<Object>> SOURCES = List.of(List.of(1, "Search engine"), List.of(3, "Newsletter"),
            List.of(6, "Facebook"), List.of(10, "Sale Promotion 1"));
    private static final List<Object> CAMPAIGN = List.of(4, "Email Campaign - Products");

    /** About a third of the orders come through the web shop; some orders carry UTM source, medium, campaign. */
    private void channel(Builder ob, Object[] o) {
        if (channels.nextInt(3) == 0) ob.set(o, "website_id", List.of(1, "My Website"));
        int utm = channels.nextInt(10);
        if (utm < 4) {
            ob.set(o, "medium_id", MEDIA.get(channels.nextInt(MEDIA.size())));
            ob.set(o, "source_id", SOURCES.get(channels.nextInt(SOURCES.size())));
            if (utm == 0) ob.set(o, "campaign_id", CAMPAIGN);
        }
    }

    /**
     * Point-of-sale orders, about one per four sale orders, at a till of each company (pos.config 1 in USD, 2 in
     * EUR): mostly paid or posted, a few invoiced (16-18), cancelled or still open. Stored fields only, shaped as
     * the real server's fields_get describes pos.order.
     */
    private void posOrders(List<Customer> customers) {
        db.addModel(ServerMeta.recorded("pos.order", flavour));
        Table t = db.table("pos.order");
        for (String f : List.of("name", "pos_reference", "state", "date_order", "partner_id", "company_id",
                "currency_id", "config_id", "session_id", "amount_tax", "amount_total", "amount_paid", "amount_return",
                "user_id", "create_date", "write_date", "create_uid", "write_uid")) {
            t.column(f);
        }
        int count = spec.orders() / 4;
        long window = HISTORY_DAYS * 86_400_000_000L;
        long[] dates = new long[count];
        for (int i = 0; i < count; i++) {
            dates[i] = asOfMicros - 1_000_000L - (long) (channels.nextDouble() * window);
        }
        java.util.Arrays.sort(dates);
        int[] sequence = new int[3];
        for (int i = 0; i < count; i++) {
            int id = i + 1;
            boolean eu = channels.nextInt(10) < 3;
            int config = eu ? 2 : 1;
            long at = dates[i] - Math.floorMod(dates[i], 1_000_000L);
            int pick = channels.nextInt(100);
            String state = pick < 50 ? "paid" : pick < 85 ? "done" : pick < 90
                    ? (flavour.atLeast(OdooFlavour.V19) ? "done" : "invoiced") : pick < 95 ? "cancel" : "draft";
            double untaxed = round(5 + channels.nextDouble() * 300, 2);
            double tax = round(untaxed * TAX_RATE, 2);
            double total = round(untaxed + tax, 2);
            long write = "draft".equals(state) ? at : Math.min(asOfMicros - 1, at + channels.nextLong(3_600_000_000L));
            Object[] r = t.newRow(id);
            String shop = eu ? "Boutique Amsterdam" : "Shop";
            set(t, r, "name", shop + "/" + String.format("%05d", ++sequence[config]));
            set(t, r, "pos_reference", "Order " + String.format("%05d-%03d-%04d", config, 1, sequence[config]));
            set(t, r, "state", state);
            set(t, r, "date_order", at);
            if (channels.nextInt(10) < 3) {
                Customer c = customers.get(channels.nextInt(customers.size()));
                set(t, r, "partner_id", List.of(c.id(), c.name()));
            }
            set(t, r, "company_id", eu ? List.of(COMPANY_EU, COMPANY_EU_NAME) : List.of(COMPANY_US, COMPANY_US_NAME));
            set(t, r, "currency_id", eu ? List.of(EUR, "EUR") : List.of(USD, "USD"));
            set(t, r, "config_id", List.of(config, shop));
            set(t, r, "session_id", List.of(config, "POS/" + String.format("%05d", config)));
            set(t, r, "amount_tax", tax);
            set(t, r, "amount_total", total);
            set(t, r, "amount_paid", "draft".equals(state) || "cancel".equals(state) ? 0.0 : total);
            set(t, r, "amount_return", 0.0);
            set(t, r, "user_id", ADMIN);
            set(t, r, "create_date", at);
            set(t, r, "write_date", write);
            set(t, r, "create_uid", ADMIN);
            set(t, r, "write_uid", ADMIN);
            t.insert(r);
        }
    }

    private static void set(Table t, Object[] row, String field, Object value) {
        row[t.columnIndex(field)] = value;
    }

    private record SaleLine(int id, Object[] row, Product product, double qty, double price, double subtotal, double tax) {}

    private record Sale(int id, String name, long dateOrder, List<Object> partner, List<Object> company,
            List<Object> currency, double rate, Object clientRef, List<SaleLine> lines, double untaxed, double tax,
            double total) {
        boolean eu() { return company.get(0).equals(COMPANY_EU); }
    }

    private static final long DAY = 86_400_000_000L;

    private long asOfDay() { return Math.floorDiv(asOfMicros, DAY); }

    private static String day(long epochDay) { return LocalDate.ofEpochDay(epochDay).toString(); }

    /** Odoo's account.root id for an account code: the ordinals of its first two characters. */
    private static List<Object> accountRoot(List<Object> account) {
        String code = String.valueOf(account.get(1));
        return List.of(code.charAt(0) * 1000 + code.charAt(1), code.substring(0, 2));
    }

    /**
     * Customer invoices, credit notes and payments of the sold orders, with the amounts Odoo keeps consistent:
     * residuals follow the payments, payment_state follows the residual, a reversed invoice is settled by its
     * credit note. Journal items exist for invoices and credit notes only, as in the recorded export.
     */
    private final class Ledger {
        final Builder moves = new Builder("account.move");
        final Builder items = new Builder("account.move.line");
        final Builder payments = new Builder("account.payment");
        int moveId = 1;
        int itemId = 1;
        int paymentId = 1;
        final int[][] sequences = new int[3][3]; // [company][0 invoice, 1 credit note, 2 payment]
        final Object saleJournalLabel = ((List<?>) templateRef("account.move", "journal_id")).get(1);
        final Object productAccount = templateRef("account.move.line", "account_id");
        final Object receivable = templateRef("account.payment", "destination_account_id");
        final List<Object> taxAccount = flavour.atLeast(OdooFlavour.V19) ? List.of(21, "Tax Received")
                : flavour.atLeast(OdooFlavour.V18) ? List.of(22, "Tax Received") : List.of(19, "251000 Tax Received");
        final Object paymentTerm = templateRef("account.move", "invoice_payment_term_id");
        final List<Object> team = List.of(1, "Sales");
        final List<Object> tax = List.of(1);
        final List<Object> taxLine = List.of(1, "15%");
        final List<Object> taxGroup = List.of(1, "Tax 15%");
        final List<Object> repartition = List.of(2, "account.tax.repartition.line,2");
        final List<Object> units = List.of(1, "Units");

        List<Object> saleJournal(Sale s) { return List.of(s.eu() ? 10 : 1, saleJournalLabel); }

        List<Object> bankJournal(Sale s) { return List.of(s.eu() ? 15 : 6, "Bank"); }

        String next(Sale s, int kind, String prefix) {
            int n = ++sequences[s.eu() ? 2 : 1][kind];
            return prefix + String.format("%05d", n);
        }

        /** Books the invoice of a sold order; returns what the customer still owes on it. */
        double invoice(Sale s, Builder saleLines) {
            long orderDay = Math.floorDiv(s.dateOrder(), DAY);
            long invDay = Math.max(orderDay, Math.min(orderDay + extra.nextInt(3), asOfDay() - 1));
            long dueDay = invDay + 30;
            boolean overdue = dueDay < asOfDay();
            int draw = extra.nextInt(100);
            // older invoices are mostly settled; the unpaid ones past their due date are the overdue ones
            String outcome = overdue ? (draw < 60 ? "paid" : draw < 75 ? "partial" : draw < 79 ? "reversed" : "open")
                    : (draw < 35 ? "paid" : draw < 45 ? "partial" : draw < 48 ? "reversed" : "open");
            String year = LocalDate.ofEpochDay(invDay).getYear() + "/";
            String name = next(s, 0, "INV/" + year);
            int id = moveId++;
            long created = invDay * DAY + 9 * 3_600_000_000L + extra.nextLong(3_600_000_000L);
            double paid = switch (outcome) {
                case "paid" -> s.total();
                case "partial" -> round(s.total() * (0.2 + extra.nextDouble() * 0.6), 2);
                default -> 0.0;
            };
            if (paid >= s.total()) paid = s.total();
            double residual = "reversed".equals(outcome) ? 0.0 : round(s.total() - paid, 2);
            String state = switch (outcome) {
                case "paid" -> residual == 0 ? "paid" : "partial";
                case "partial" -> "partial";
                case "reversed" -> "reversed";
                default -> "not_paid";
            };
            Object ref = s.clientRef();
            List<Object> self = List.of(id, ref instanceof String r ? name + " (" + r + ")" : name);
            Object[] inv = moveRow(s, id, name, "out_invoice", invDay, created, 1);
            moves.set(inv, "invoice_date_due", day(dueDay));
            moves.set(inv, "invoice_origin", s.name());
            moves.set(inv, "ref", ref);
            moves.set(inv, "payment_reference", name);
            moves.set(inv, "invoice_payment_term_id", paymentTerm);
            moves.set(inv, "payment_state", state);
            amounts(inv, s, s.untaxed(), s.tax(), s.total(), residual, 1);
            List<Object> lineIds = items(s, id, name, invDay, s.lines(), s.untaxed(), s.tax(), s.total(), residual,
                    dueDay, 1);
            for (int i = 0; i < s.lines().size(); i++) {
                saleLines.set(s.lines().get(i).row(), "invoice_lines", List.of(lineIds.get(i)));
            }
            setLines(inv, lineIds, s.lines().size());
            moves.insert(inv); // before its payments and credit notes, which take the next ids
            long written = created;
            List<Object> paymentIds = new ArrayList<>();
            if (paid > 0) {
                long payDay = Math.min(asOfDay() - 1, invDay + extra.nextInt(40));
                written = Math.max(written, payment(s, self, name, paid, payDay, paymentIds));
            }
            moves.set(inv, "matched_payment_ids", List.copyOf(paymentIds));
            if ("reversed".equals(outcome)) {
                long refundDay = Math.min(asOfDay() - 1, invDay + 1 + extra.nextInt(20));
                int refund = refund(s, self, name, s.lines(), s.untaxed(), s.tax(), s.total(), refundDay, true);
                moves.set(inv, "reversal_move_id", List.of(refund));
                moves.set(inv, "reversal_move_ids", List.of(refund));
                written = Math.max(written, refundDay * DAY + 10 * 3_600_000_000L);
            } else if ("paid".equals(outcome) && extra.nextInt(100) < 6) {
                // a price adjustment on one line after payment: the credit note is owed back to the customer
                SaleLine l = s.lines().get(0);
                long refundDay = Math.min(asOfDay() - 1, invDay + 2 + extra.nextInt(20));
                int refund = refund(s, self, name, List.of(l), l.subtotal(), l.tax(), round(l.subtotal() + l.tax(), 2),
                        refundDay, false);
                moves.set(inv, "reversal_move_id", List.of(refund));
                moves.set(inv, "reversal_move_ids", List.of(refund));
            }
            moves.stamp(inv, created, Math.min(asOfMicros - 1, written), ADMIN);
            return residual;
        }

        Object[] moveRow(Sale s, int id, String name, String type, long dayNo, long created, int sign) {
            Object[] m = moves.row(id);
            moves.set(m, "name", name);
            moves.set(m, "move_type", type);
            moves.set(m, "state", "posted");
            moves.set(m, "posted_before", true);
            moves.set(m, "date", day(dayNo));
            moves.set(m, "invoice_date", day(dayNo));
            moves.set(m, "delivery_date", day(dayNo));
            moves.set(m, "partner_id", s.partner());
            moves.set(m, "commercial_partner_id", s.partner());
            moves.set(m, "partner_shipping_id", s.partner());
            moves.set(m, "invoice_partner_display_name", s.partner().get(1));
            moves.set(m, "company_id", s.company());
            moves.set(m, "currency_id", s.currency());
            moves.set(m, "journal_id", saleJournal(s));
            moves.set(m, "invoice_user_id", ADMIN);
            moves.set(m, "team_id", team);
            moves.set(m, "auto_post", "no");
            moves.set(m, "checked", true);
            moves.set(m, "invoice_currency_rate", s.rate());
            int slash = name.lastIndexOf('/');
            moves.set(m, "sequence_prefix", name.substring(0, slash + 1));
            moves.set(m, "sequence_number", Integer.parseInt(name.substring(slash + 1)));
            moves.stamp(m, created, created, ADMIN);
            return m;
        }

        /** Document amounts are positive; the *_signed ones carry the direction and the company currency. */
        void amounts(Object[] m, Sale s, double untaxed, double tax, double total, double residual, int sign) {
            moves.set(m, "amount_untaxed", untaxed);
            moves.set(m, "amount_tax", tax);
            moves.set(m, "amount_total", total);
            moves.set(m, "amount_residual", residual);
            moves.set(m, "amount_untaxed_signed", round(sign * untaxed / s.rate(), 2));
            moves.set(m, "amount_untaxed_in_currency_signed", sign * untaxed);
            moves.set(m, "amount_tax_signed", round(sign * tax / s.rate(), 2));
            moves.set(m, "amount_total_signed", round(sign * total / s.rate(), 2));
            moves.set(m, "amount_total_in_currency_signed", sign * total);
            moves.set(m, "amount_residual_signed", round(sign * residual / s.rate(), 2));
        }

        void setLines(Object[] m, List<Object> lineIds, int productLines) {
            moves.set(m, "line_ids", List.copyOf(lineIds));
            moves.set(m, "journal_line_ids", List.copyOf(lineIds));
            moves.set(m, "invoice_line_ids", List.copyOf(lineIds.subList(0, productLines)));
        }

        /** Product lines, one tax line and the receivable line; sign 1 for invoices, -1 for credit notes. */
        List<Object> items(Sale s, int moveId, String moveName, long dayNo, List<SaleLine> lines, double untaxed,
                double tax, double total, double residual, long dueDay, int sign) {
            List<Object> ids = new ArrayList<>(lines.size() + 2);
            List<Object> move = List.of(moveId, moveName);
            int seq = 0;
            for (SaleLine l : lines) {
                Object[] r = item(s, move, moveName, dayNo, -sign * l.subtotal(), "product", productAccount);
                items.set(r, "name", l.product().display());
                items.set(r, "product_id", List.of(l.product().id(), l.product().display()));
                items.set(r, "product_uom_id", units);
                items.set(r, "quantity", l.qty());
                items.set(r, "price_unit", l.price());
                items.set(r, "price_subtotal", l.subtotal());
                items.set(r, "price_total", round(l.subtotal() + l.tax(), 2));
                items.set(r, "tax_ids", tax);
                items.set(r, "sale_line_ids", List.of(l.id()));
                items.set(r, "sequence", 100 + seq++);
                items.insert(r);
                ids.add(Table.id(r));
            }
            Object[] t = item(s, move, moveName, dayNo, -sign * tax, "tax", taxAccount);
            items.set(t, "name", "15%");
            items.set(t, "tax_line_id", taxLine);
            items.set(t, "tax_group_id", taxGroup);
            items.set(t, "tax_repartition_line_id", repartition);
            items.set(t, "tax_base_amount", round(untaxed / s.rate(), 2));
            items.set(t, "sequence", 10000);
            items.insert(t);
            ids.add(Table.id(t));
            Object[] rcv = item(s, move, moveName, dayNo, sign * total, "payment_term", receivable);
            items.set(rcv, "name", moveName);
            items.set(rcv, "date_maturity", day(dueDay));
            items.set(rcv, "amount_residual", round(sign * residual / s.rate(), 2));
            items.set(rcv, "amount_residual_currency", sign * residual);
            items.set(rcv, "reconciled", residual == 0);
            items.set(rcv, "sequence", 12000);
            items.insert(rcv);
            ids.add(Table.id(rcv));
            return ids;
        }

        Object[] item(Sale s, List<Object> move, String moveName, long dayNo, double amountCurrency, String type,
                Object account) {
            Object[] r = items.row(itemId++);
            double balance = round(amountCurrency / s.rate(), 2);
            items.set(r, "move_id", move);
            items.set(r, "move_name", moveName);
            items.set(r, "parent_state", "posted");
            items.set(r, "display_type", type);
            items.set(r, "account_id", account);
            if (account instanceof List<?> a) {
                @SuppressWarnings("unchecked")
                List<Object> acc = (List<Object>) a;
                items.set(r, "account_root_id", accountRoot(acc));
            }
            items.set(r, "date", day(dayNo));
            items.set(r, "invoice_date", day(dayNo));
            items.set(r, "partner_id", s.partner());
            items.set(r, "company_id", s.company());
            items.set(r, "currency_id", s.currency());
            items.set(r, "company_currency_id", s.eu() ? List.of(EUR, "EUR") : List.of(USD, "USD"));
            items.set(r, "journal_id", saleJournal(s));
            items.set(r, "amount_currency", amountCurrency);
            items.set(r, "balance", balance);
            items.set(r, "debit", balance > 0 ? balance : 0.0);
            items.set(r, "credit", balance < 0 ? -balance : 0.0);
            items.set(r, "quantity", 0.0);
            items.set(r, "price_unit", 0.0);
            items.set(r, "price_subtotal", 0.0);
            items.set(r, "price_total", 0.0);
            items.set(r, "tax_ids", List.of());
            items.set(r, "tax_base_amount", 0.0);
            items.set(r, "amount_residual", 0.0);
            items.set(r, "amount_residual_currency", 0.0);
            items.set(r, "reconciled", false);
            long stamp = dayNo * DAY + 9 * 3_600_000_000L;
            items.stamp(r, stamp, stamp, ADMIN);
            return r;
        }

        /** A customer payment and its bank journal entry; returns when it was recorded. */
        long payment(Sale s, List<Object> invoice, String invoiceName, double amount, long payDay, List<Object> ids) {
            int pid = paymentId++;
            int entryId = moveId++;
            String name = next(s, 2, "PBNK1/" + LocalDate.ofEpochDay(payDay).getYear() + "/");
            long stamp = payDay * DAY + 14 * 3_600_000_000L + extra.nextLong(3_600_000_000L);
            Object[] e = moveRow(s, entryId, name, "entry", payDay, stamp, 1);
            moves.set(e, "journal_id", bankJournal(s));
            moves.set(e, "ref", invoiceName);
            moves.set(e, "invoice_date", Boolean.FALSE);
            moves.set(e, "delivery_date", Boolean.FALSE);
            moves.set(e, "invoice_user_id", Boolean.FALSE);
            moves.set(e, "team_id", Boolean.FALSE);
            moves.set(e, "partner_shipping_id", Boolean.FALSE);
            moves.set(e, "always_tax_exigible", true);
            moves.set(e, "payment_state", "not_paid");
            amounts(e, s, 0.0, 0.0, amount, 0.0, 1);
            moves.set(e, "amount_untaxed_signed", 0.0);
            moves.set(e, "amount_untaxed_in_currency_signed", 0.0);
            List<Object> payRef = List.of(pid, name);
            moves.set(e, "payment_id", payRef);
            moves.set(e, "origin_payment_id", payRef);
            moves.insert(e);
            Object[] p = payments.row(pid);
            payments.set(p, "amount", amount);
            payments.set(p, "amount_company_currency_signed", round(amount / s.rate(), 2));
            payments.set(p, "currency_id", s.currency());
            payments.set(p, "company_id", s.company());
            payments.set(p, "partner_id", s.partner());
            payments.set(p, "partner_type", "customer");
            payments.set(p, "payment_type", "inbound");
            payments.set(p, "payment_method_id", templateRef("account.payment", "payment_method_id"));
            payments.set(p, "payment_method_line_id", templateRef("account.payment", "payment_method_line_id"));
            payments.set(p, "destination_account_id", receivable);
            payments.set(p, "outstanding_account_id", templateRef("account.payment", "outstanding_account_id"));
            payments.set(p, "move_id", List.of(entryId, name + " (" + invoiceName + ")"));
            payments.set(p, "journal_id", bankJournal(s));
            payments.set(p, "name", name);
            payments.set(p, "date", day(payDay));
            payments.set(p, "memo", invoiceName);
            payments.set(p, "invoice_ids", List.of(invoice.get(0)));
            payments.set(p, "state", "paid");
            payments.set(p, "is_reconciled", true);
            payments.set(p, "is_matched", false);
            payments.set(p, "check_amount_in_words", Boolean.FALSE);
            payments.stamp(p, stamp, stamp, ADMIN);
            payments.insert(p);
            ids.add(pid);
            return stamp;
        }

        /** A credit note against the invoice: full (it settles the invoice) or partial (owed to the customer). */
        int refund(Sale s, List<Object> invoice, String invoiceName, List<SaleLine> lines, double untaxed, double tax,
                double total, long refundDay, boolean full) {
            int id = moveId++;
            String name = next(s, 1, "RINV/" + LocalDate.ofEpochDay(refundDay).getYear() + "/");
            long created = refundDay * DAY + 10 * 3_600_000_000L;
            Object[] m = moveRow(s, id, name, "out_refund", refundDay, created, -1);
            moves.set(m, "invoice_date_due", day(refundDay));
            moves.set(m, "invoice_origin", s.name());
            moves.set(m, "ref", "Reversal of: " + invoiceName + (full ? ", Cancelled order" : ", Partial return / price adjustment"));
            moves.set(m, "reversed_entry_id", invoice);
            double residual = full ? 0.0 : total;
            moves.set(m, "payment_state", full ? "paid" : "not_paid");
            amounts(m, s, untaxed, tax, total, residual, -1);
            setLines(m, items(s, id, name, refundDay, lines, untaxed, tax, total, residual, refundDay, -1), lines.size());
            moves.insert(m);
            return id;
        }
    }


    /** Stock locations of both companies; ids and names of the shared ones as the version records them. */
    private record Locations(List<Object> vendors, List<Object> customers, List<Object> stockUs, List<Object> stockEu) {
        List<Object> stock(boolean eu) { return eu ? stockEu : stockUs; }
    }

    private Locations locs;

    private void locations() {
        Builder b = new Builder("stock.location");
        @SuppressWarnings("unchecked")
        List<Object> customers = (List<Object>) templateRef("stock.move", "location_dest_id");
        @SuppressWarnings("unchecked")
        List<Object> whStock = (List<Object>) templateRef("stock.move", "location_id");
        String partners = String.valueOf(customers.get(1)).startsWith("Partners/") ? "Partners/" : "";
        int cid = (Integer) customers.get(0);
        int sid = (Integer) whStock.get(0);
        List<Object> vendors = List.of(cid - 1, partners + "Vendors");
        location(b, cid - 1, "Vendors", partners + "Vendors", "supplier", null, null);
        location(b, cid, "Customers", String.valueOf(customers.get(1)), "customer", null, null);
        location(b, sid - 1, "WH", "WH", "view", COMPANY_US, null);
        location(b, sid, "Stock", "WH/Stock", "internal", COMPANY_US, sid - 1);
        location(b, 60, "REU", "REU", "view", COMPANY_EU, null);
        location(b, 61, "Stock", "REU/Stock", "internal", COMPANY_EU, 60);
        locs = new Locations(vendors, List.copyOf(customers), List.copyOf(whStock), List.of(61, "REU/Stock"));
    }

    private void location(Builder b, int id, String name, String complete, String usage, Integer company, Integer parent) {
        Object[] r = b.row(id);
        b.set(r, "name", name);
        b.set(r, "complete_name", complete);
        b.set(r, "usage", usage);
        b.set(r, "active", true);
        b.set(r, "barcode", Boolean.FALSE);
        b.set(r, "company_id", company == null ? Boolean.FALSE
                : company == COMPANY_US ? List.of(COMPANY_US, COMPANY_US_NAME) : List.of(COMPANY_EU, COMPANY_EU_NAME));
        b.set(r, "location_id", parent == null ? Boolean.FALSE : List.of(parent, complete.substring(0, complete.indexOf('/'))));
        b.set(r, "parent_path", parent == null ? id + "/" : parent + "/" + id + "/");
        b.set(r, "warehouse_id", Boolean.FALSE);
        b.stamp(r, setupMicros, setupMicros, ODOOBOT);
        b.insert(r);
    }

    /**
     * Done deliveries of shipped orders and done receipts from vendors; quants are what those moves leave in each
     * company's stock, which the receipts are sized to make positive for most products, zero or negative for some.
     */
    private final class Stock {
        final Builder moves = new Builder("stock.move");
        final double[][] delivered;
        final long[][] lastMove;
        /** Each quant's product, company (1 or 2) and on-hand, for the replenishment rules drawn on them. */
        final List<Object[]> onHand = new ArrayList<>();
        final int[] references = new int[3];
        int moveId = 1;
        int pickingId = 1;
        final Object rule = templateRef("stock.move", "rule_id");
        final List<Object> units = List.of(1, "Units");

        Stock(int products) {
            delivered = new double[3][products + 1];
            lastMove = new long[3][products + 1];
        }

        List<Object> warehouse(boolean eu) { return eu ? List.of(2, "Retail Europe") : List.of(1, "YourCompany"); }

        List<Object> pickingType(boolean eu, boolean out) {
            String wh = eu ? "Retail Europe" : "YourCompany";
            return out ? List.of(eu ? 12 : 2, wh + ": Delivery Orders") : List.of(eu ? 11 : 1, wh + ": Receipts");
        }

        void deliver(Sale s, long at) {
            boolean eu = s.eu();
            int c = eu ? 2 : 1;
            String reference = (eu ? "REU" : "WH") + "/OUT/" + String.format("%05d", ++references[c]);
            List<Object> picking = List.of(pickingId++, reference);
            int seq = 10;
            for (SaleLine l : s.lines()) {
                if (!l.product().storable()) continue;
                Object[] m = move(s.company(), eu, true, l.product(), l.qty(), at, reference, picking);
                moves.set(m, "origin", s.name());
                moves.set(m, "partner_id", s.partner());
                moves.set(m, "sale_line_id", List.of(l.id(), s.name() + " - " + l.product().display()));
                moves.set(m, "sequence", seq++);
                moves.insert(m);
                delivered[c][l.product().id()] += l.qty();
                lastMove[c][l.product().id()] = Math.max(lastMove[c][l.product().id()], at);
            }
        }

        Object[] move(List<Object> company, boolean eu, boolean out, Product p, double qty, long at, String reference,
                List<Object> picking) {
            Object[] m = moves.row(moveId++);
            List<Object> product = List.of(p.id(), p.display());
            moves.set(m, "name", p.display());
            moves.set(m, "description_picking", String.valueOf(p.display()));
            moves.set(m, "state", "done");
            moves.set(m, "date", at);
            moves.set(m, "date_deadline", Boolean.FALSE);
            moves.set(m, "company_id", company);
            moves.set(m, "product_id", product);
            moves.set(m, "product_uom", units);
            moves.set(m, "product_uom_qty", qty);
            moves.set(m, "product_qty", qty);
            moves.set(m, "quantity", qty);
            moves.set(m, "quantity_done", qty);
            moves.set(m, "packaging_uom_id", units);
            moves.set(m, "packaging_uom_qty", qty);
            moves.set(m, "picked", true);
            moves.set(m, "location_id", out ? locs.stock(eu) : locs.vendors());
            moves.set(m, "location_dest_id", out ? locs.customers() : locs.stock(eu));
            moves.set(m, "location_final_id", out ? locs.customers() : Boolean.FALSE);
            moves.set(m, "is_out", out);
            moves.set(m, "is_in", !out);
            moves.set(m, "picking_id", picking);
            moves.set(m, "picking_type_id", pickingType(eu, out));
            moves.set(m, "warehouse_id", out ? warehouse(eu) : Boolean.FALSE);
            moves.set(m, "rule_id", out && !eu ? rule : Boolean.FALSE);
            moves.set(m, "reference", reference);
            moves.set(m, "origin", Boolean.FALSE);
            moves.set(m, "partner_id", Boolean.FALSE);
            moves.set(m, "sale_line_id", Boolean.FALSE);
            moves.set(m, "reservation_date", Boolean.FALSE);
            moves.set(m, "price_unit", 0.0);
            moves.set(m, "value", 0.0);
            moves.set(m, "to_refund", false);
            moves.stamp(m, at, at, ADMIN);
            return m;
        }

        void receiptsAndQuants(List<Product> products) {
            Builder quants = new Builder("stock.quant");
            int quantId = 1;
            long historyStart = asOfMicros - HISTORY_DAYS * DAY;
            for (int c = 1; c <= 2; c++) {
                boolean eu = c == 2;
                List<Object> company = eu ? List.of(COMPANY_EU, COMPANY_EU_NAME) : List.of(COMPANY_US, COMPANY_US_NAME);
                for (Product p : products) {
                    if (!p.storable()) continue;
                    int draw = extra.nextInt(100);
                    double sold = delivered[c][p.id()];
                    // on hand after all moves: mostly stocked, some sold out, some oversold (negative)
                    double target = draw < 70 ? 1 + extra.nextInt(40) : draw < 85 ? 0 : -(1 + extra.nextInt(5));
                    double received = Math.max(0, sold + target);
                    target = received - sold;
                    int receipts = received == 0 ? 0 : 1 + extra.nextInt(3);
                    double left = received;
                    long last = lastMove[c][p.id()];
                    for (int i = 0; i < receipts; i++) {
                        double qty = i == receipts - 1 ? left : Math.floor(left / (receipts - i));
                        left -= qty;
                        if (qty <= 0) continue;
                        long at = historyStart + (long) ((i + extra.nextDouble()) / receipts * (HISTORY_DAYS - 1) * DAY);
                        at -= Math.floorMod(at, 1_000_000L);
                        String reference = (eu ? "REU" : "WH") + "/IN/" + String.format("%05d", ++references[0]);
                        Object[] m = move(company, eu, false, p, qty, at, reference, List.of(pickingId++, reference));
                        moves.insert(m);
                        last = Math.max(last, at);
                    }
                    if (received == 0 && sold == 0) continue;
                    quantId = quant(quants, quantId, p, locs.stock(eu), company, target, last);
                    onHand.add(new Object[] {p, c, target});
                }
            }
        }

        /**
         * Replenishment rules (stock.warehouse.orderpoint) on about one stocked product in four per company, at
         * the company's stock location: about half with a minimum above what is on hand (below their reorder
         * point), one in ten archived. Stored fields only, shaped as the real server's fields_get describes them.
         */
        void reorderRules() {
            db.addModel(ServerMeta.recorded("stock.warehouse.orderpoint", flavour));
            Table t = db.table("stock.warehouse.orderpoint");
            for (String f : List.of("name", "product_id", "location_id", "warehouse_id", "company_id",
                    "product_min_qty", "product_max_qty", "qty_multiple", "trigger", "active", "create_date",
                    "write_date", "create_uid", "write_uid")) {
                t.column(f);
            }
            int id = 0;
            for (Object[] q : onHand) {
                if (rules.nextInt(4) != 0) continue;
                Product p = (Product) q[0];
                boolean eu = (Integer) q[1] == 2;
                double quantity = (Double) q[2];
                double min = rules.nextBoolean() ? quantity + 1 + rules.nextInt(10) : Math.max(0, quantity - 1
                        - rules.nextInt(5));
                long at = setupMicros + rules.nextLong(asOfMicros - setupMicros);
                at -= Math.floorMod(at, 1_000_000L);
                Object[] r = t.newRow(++id);
                set(t, r, "name", "OP/" + String.format("%05d", id));
                set(t, r, "product_id", List.of(p.id(), p.display()));
                set(t, r, "location_id", locs.stock(eu));
                set(t, r, "warehouse_id", warehouse(eu));
                set(t, r, "company_id", eu ? List.of(COMPANY_EU, COMPANY_EU_NAME) : List.of(COMPANY_US,
                        COMPANY_US_NAME));
                set(t, r, "product_min_qty", min);
                set(t, r, "product_max_qty", min + 5 + rules.nextInt(20));
                set(t, r, "qty_multiple", 1.0);
                set(t, r, "trigger", rules.nextInt(5) == 0 ? "manual" : "auto");
                set(t, r, "active", rules.nextInt(10) != 0);
                set(t, r, "create_date", at);
                set(t, r, "write_date", at);
                set(t, r, "create_uid", ADMIN);
                set(t, r, "write_uid", ADMIN);
                t.insert(r);
            }
        }

        int quant(Builder quants, int id, Product p, List<Object> location, List<Object> company, double qty, long at) {
            Object[] q = quants.row(id);
            quants.set(q, "product_id", List.of(p.id(), p.display()));
            quants.set(q, "location_id", location);
            quants.set(q, "company_id", company);
            quants.set(q, "quantity", qty);
            quants.set(q, "reserved_quantity", 0.0);
            quants.set(q, "inventory_quantity", 0.0);
            quants.set(q, "inventory_diff_quantity", 0.0);
            quants.set(q, "inventory_quantity_set", false);
            quants.set(q, "in_date", at);
            quants.set(q, "inventory_date", Boolean.FALSE);
            quants.stamp(q, at, at, ADMIN);
            quants.insert(q);
            return id + 1;
        }
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static Instant asOf(DatasetSource.Generated g) {
        return g.asOf();
    }
}
