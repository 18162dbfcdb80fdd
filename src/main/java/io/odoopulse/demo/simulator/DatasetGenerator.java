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
    private final Map<String, Map<String, Object>> templates;
    private final long asOfMicros;

    private DatasetGenerator(OdooDatabase db, OdooFlavour flavour, DatasetSource.Generated spec) {
        this.db = db;
        this.flavour = flavour;
        this.spec = spec;
        this.rnd = new SplittableRandom(spec.seed());
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
                db.addModel(DatasetLoader.metaFrom(model, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Table t = db.table(model);
            for (String k : templates.get(model).keySet()) {
                if (!k.endsWith("_us")) t.column(k);
            }
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
            orders(customers, products);
            return null;
        });
    }

    private record Customer(int id, String name, int companyOnly) {}

    private record Product(int id, int templateId, String display, double listPrice) {}

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
            double price = round(5 + rnd.nextDouble() * 995, 2);
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
            if (!archived) out.add(new Product(id, id, display, price));
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

    private void orders(List<Customer> customers, List<Product> products) {
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
                lb.set(r, "qty_delivered", "sale".equals(state) ? qty : 0.0);
                lb.set(r, "qty_invoiced", "sale".equals(state) ? qty : 0.0);
                lb.set(r, "invoice_status", "sale".equals(state) ? "invoiced" : "no");
                lb.stamp(r, create, write, ADMIN);
                lb.insert(r);
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
            boolean confirmed = "sale".equals(state) || "done".equals(state);
            ob.set(o, "amount_to_invoice", confirmed ? 0.0 : total);
            ob.set(o, "amount_unpaid", confirmed ? 0.0 : total);
            ob.set(o, "invoice_status", confirmed ? "invoiced" : "no");
            ob.set(o, "user_id", ADMIN);
            ob.set(o, "team_id", team);
            ob.set(o, "order_line", List.copyOf(lineIds));
            ob.set(o, "locked", "done".equals(state));
            ob.set(o, "validity_date", LocalDate.ofEpochDay(Math.floorDiv(dateOrder, 86_400_000_000L)).plusDays(30).toString());
            ob.set(o, "client_order_ref", rnd.nextInt(3) == 0 ? "PO-" + (100000 + rnd.nextInt(900000)) : Boolean.FALSE);
            ob.stamp(o, create, write, ADMIN);
            ob.insert(o);
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
