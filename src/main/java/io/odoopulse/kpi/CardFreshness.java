package io.odoopulse.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.odoopulse.pull.PullFreshness;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.Body;

/**
 * Says in the snapshot how fresh each model of the tenant is, and what that means for the cards: a section fed by a
 * model whose read failed in this tick keeps its last good figures, each card marked stale with the model and the
 * time it is as of; a section fed by a model never read completely is listed as unavailable, never sent as zeros.
 */
public class CardFreshness {

    /** Which Odoo models each card section reads (through the canonical tables its family queries). */
    static final Map<String, List<String>> MODELS_OF_SECTION = Map.ofEntries(
            Map.entry("sales", List.of("sale.order", "res.company", "res.currency.rate")),
            Map.entry("customers", List.of("sale.order", "res.partner", "res.company", "res.currency.rate")),
            Map.entry("catalogue", List.of("product.product")),
            Map.entry("refunds", List.of("account.move", "res.company", "res.currency.rate")),
            Map.entry("finance", List.of("account.move", "account.payment", "res.company", "res.currency.rate")),
            Map.entry("inventory", List.of("product.product", "stock.quant", "stock.move")),
            Map.entry("channel-website", List.of("sale.order", "res.company")),
            Map.entry("channel-pos", List.of("pos.order", "res.company")),
            Map.entry("channel-other-sales", List.of("sale.order", "res.company")),
            Map.entry("utm", List.of("sale.order")),
            Map.entry("audit-stock", List.of("stock.quant", "stock.move")),
            Map.entry("audit-reorder", List.of("stock.warehouse.orderpoint", "stock.quant", "stock.location")),
            Map.entry("audit-reorder-trend", List.of("stock.warehouse.orderpoint", "stock.quant", "stock.location",
                    "stock.move")),
            Map.entry("audit-finance", List.of("account.move", "res.company")),
            Map.entry("audit-closing", List.of("account.move", "res.company")),
            Map.entry("audit-stock-value", List.of("stock.quant", "stock.move", "product.product")),
            Map.entry("audit-sales", List.of("sale.order")),
            Map.entry("audit-website", List.of("product.product")),
            Map.entry("audit-website-stock", List.of("product.product", "stock.quant", "stock.move")));

    /** The models without which a section has nothing to show: a bundle that does not pull them gets none of it. */
    static final Map<String, List<String>> PRIMARY_MODELS_OF_SECTION = Map.ofEntries(
            Map.entry("sales", List.of("sale.order")),
            Map.entry("customers", List.of("sale.order")),
            Map.entry("catalogue", List.of("product.product")),
            Map.entry("refunds", List.of("account.move")),
            Map.entry("finance", List.of("account.move", "account.payment")),
            Map.entry("inventory", List.of("product.product", "stock.quant", "stock.move")),
            Map.entry("channel-website", List.of("sale.order")),
            Map.entry("channel-pos", List.of("pos.order")),
            Map.entry("channel-other-sales", List.of("sale.order")),
            Map.entry("utm", List.of("sale.order")),
            Map.entry("audit-stock", List.of("stock.quant", "stock.move")),
            // Its own section: a bundle without the rules keeps the other stock checks. The locations give the tree
            // a rule's child locations are found in.
            Map.entry("audit-reorder", List.of("stock.warehouse.orderpoint", "stock.quant", "stock.location")),
            Map.entry("audit-reorder-trend", List.of("stock.warehouse.orderpoint", "stock.quant", "stock.location",
                    "stock.move")),
            Map.entry("audit-finance", List.of("account.move")),
            // Apart from the credit-note share: it needs the accounting date, a field a mapping may leave out.
            Map.entry("audit-closing", List.of("account.move")),
            Map.entry("audit-stock-value", List.of("stock.quant", "stock.move")),
            Map.entry("audit-sales", List.of("sale.order")),
            Map.entry("audit-website", List.of("product.product")),
            // Apart from the catalogue gaps: a bundle without stock keeps those.
            Map.entry("audit-website-stock", List.of("product.product", "stock.quant", "stock.move")));

    private final TenantRegistry tenants;
    private final Function<String, List<PullFreshness.Entry>> reads;

    /** @param reads per tenant, what the pull knows of each model's reads ({@link PullFreshness#entries}) */
    public CardFreshness(TenantRegistry tenants, Function<String, List<PullFreshness.Entry>> reads) {
        this.tenants = tenants;
        this.reads = reads;
    }

    public KpiSnapshot apply(@Body KpiSnapshot snapshot) {
        Map<String, PullFreshness.Entry> byModel = new LinkedHashMap<>();
        reads.apply(snapshot.tenant()).forEach(read -> byModel.put(read.model(), read));
        List<KpiSnapshot.Freshness> freshness = new ArrayList<>();
        for (String model : tenants.get(snapshot.tenant()).pull().models()) {
            freshness.add(freshness(model, byModel.get(model), snapshot.generatedAt()));
        }
        Map<String, KpiSnapshot.Freshness> status = new LinkedHashMap<>();
        freshness.forEach(f -> status.put(f.model(), f));

        List<KpiSnapshot.Unavailable> unavailable = new ArrayList<>();
        Map<String, KpiCard.Stale> staleSections = new LinkedHashMap<>();
        List<String> alreadyUnavailable = snapshot.unavailable().stream().map(KpiSnapshot.Unavailable::section)
                .toList();
        List<String> pulled = tenants.get(snapshot.tenant()).pull().models();
        MODELS_OF_SECTION.forEach((section, models) -> {
            if (alreadyUnavailable.contains(section)) {
                return;
            }
            List<String> notPulled = PRIMARY_MODELS_OF_SECTION.get(section).stream()
                    .filter(model -> !pulled.contains(model)).toList();
            if (!notPulled.isEmpty()) {
                // Zeros here would read as "no stock-outs", not "not looked at".
                unavailable.add(new KpiSnapshot.Unavailable(section, null, "not pulled by the tenant's bundle: "
                        + String.join(", ", notPulled)));
                return;
            }
            List<KpiSnapshot.Freshness> fed = models.stream().map(status::get).filter(Objects::nonNull).toList();
            List<KpiSnapshot.Freshness> neverRead = fed.stream()
                    .filter(f -> f.status() == KpiSnapshot.Freshness.Status.NEVER_READ).toList();
            List<KpiSnapshot.Freshness> failed = fed.stream()
                    .filter(f -> f.status() == KpiSnapshot.Freshness.Status.FAILED).toList();
            if (!neverRead.isEmpty()) {
                unavailable.add(new KpiSnapshot.Unavailable(section, null, "not read completely yet: "
                        + describe(neverRead)));
            } else if (!failed.isEmpty()) {
                Instant since = failed.stream().map(KpiSnapshot.Freshness::readAt).min(Comparator.naturalOrder())
                        .orElse(null);
                staleSections.put(section, new KpiCard.Stale(failed.stream().map(KpiSnapshot.Freshness::model)
                        .toList(), since, "last good figures: reading failed in this tick: " + describe(failed)));
            }
        });
        List<KpiCard> cards = snapshot.cards().stream()
                .map(card -> staleSections.containsKey(card.section()) ? card.withStale(staleSections.get(
                        card.section())) : card)
                .toList();
        KpiSnapshot marked = snapshot.withFreshness(freshness, cards);
        unavailable.sort(Comparator.comparing(KpiSnapshot.Unavailable::section));
        return unavailable.isEmpty() ? marked : marked.withUnavailable(unavailable);
    }

    private static KpiSnapshot.Freshness freshness(String model, PullFreshness.Entry read, Instant now) {
        if (read == null) {
            return new KpiSnapshot.Freshness(model, KpiSnapshot.Freshness.Status.NEVER_READ, null, null, null, null,
                    null);
        }
        if (read.readAt() == null) {
            return new KpiSnapshot.Freshness(model, KpiSnapshot.Freshness.Status.NEVER_READ, null, null,
                    read.checkpoint(), read.failedAt(), read.error());
        }
        long lag = Math.max(0, Duration.between(read.readStartedAt(), now).toSeconds());
        return read.failedSinceLastRead()
                ? new KpiSnapshot.Freshness(model, KpiSnapshot.Freshness.Status.FAILED, read.readAt(), lag,
                        read.checkpoint(), read.failedAt(), read.error())
                : new KpiSnapshot.Freshness(model, KpiSnapshot.Freshness.Status.OK, read.readAt(), lag,
                        read.checkpoint(), null, null);
    }

    private static String describe(List<KpiSnapshot.Freshness> models) {
        return String.join("; ", models.stream().map(f -> f.model() + (f.error() == null ? "" : " (" + f.error()
                + ")")).toList());
    }
}
