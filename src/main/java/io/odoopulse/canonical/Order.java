package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A sale order in the canonical retail model, the same shape for Odoo, Shopify and BigCommerce.
 * Amounts are in the order's own currency; instants are UTC.
 *
 * @param channel where the sale came from (sales team, web shop, a custom field...); empty when unknown
 * @param websiteId the web shop the order was placed on; empty for an order entered in the back office
 * @param utmCampaign the marketing campaign, medium and source that brought the order (Odoo's UTM fields)
 * @param invoiceStatus {@code to_invoice} (something ordered or delivered is not invoiced yet), {@code invoiced},
 *                      {@code upselling} or {@code nothing} (nothing to invoice); empty when the source has none
 */
public record Order(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String name,
        OrderStatus status,
        Instant orderedAt,
        String currency,
        Long companyId,
        String company,
        Long customerId,
        BigDecimal amountUntaxed,
        BigDecimal amountTax,
        BigDecimal amountTotal,
        Instant updatedAt,
        String channel,
        Long websiteId,
        String website,
        String utmCampaign,
        String utmMedium,
        String utmSource,
        String invoiceStatus) {

    /** An order without an invoice status (a source that has none). */
    public Order(String tenant, String sourceSystem, String sourceModel, long sourceId, String sourceVersion,
                 String name, OrderStatus status, Instant orderedAt, String currency, Long companyId, String company,
                 Long customerId, BigDecimal amountUntaxed, BigDecimal amountTax, BigDecimal amountTotal,
                 Instant updatedAt, String channel, Long websiteId, String website, String utmCampaign,
                 String utmMedium, String utmSource) {
        this(tenant, sourceSystem, sourceModel, sourceId, sourceVersion, name, status, orderedAt, currency, companyId,
                company, customerId, amountUntaxed, amountTax, amountTotal, updatedAt, channel, websiteId, website,
                utmCampaign, utmMedium, utmSource, null);
    }

    /** An order without website or UTM fields. */
    public Order(String tenant, String sourceSystem, String sourceModel, long sourceId, String sourceVersion,
                 String name, OrderStatus status, Instant orderedAt, String currency, Long companyId, String company,
                 Long customerId, BigDecimal amountUntaxed, BigDecimal amountTax, BigDecimal amountTotal,
                 Instant updatedAt, String channel) {
        this(tenant, sourceSystem, sourceModel, sourceId, sourceVersion, name, status, orderedAt, currency, companyId,
                company, customerId, amountUntaxed, amountTax, amountTotal, updatedAt, channel, null, null, null,
                null, null);
    }

    /** An order without a known channel; keeps callers written before the channel existed unchanged. */
    public Order(String tenant, String sourceSystem, String sourceModel, long sourceId, String sourceVersion,
                 String name, OrderStatus status, Instant orderedAt, String currency, Long companyId, String company,
                 Long customerId, BigDecimal amountUntaxed, BigDecimal amountTax, BigDecimal amountTotal,
                 Instant updatedAt) {
        this(tenant, sourceSystem, sourceModel, sourceId, sourceVersion, name, status, orderedAt, currency, companyId,
                company, customerId, amountUntaxed, amountTax, amountTotal, updatedAt, null);
    }
}
