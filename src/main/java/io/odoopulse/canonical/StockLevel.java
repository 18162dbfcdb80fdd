package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Quantity of one product at one location (one Odoo quant: lots and packages are not told apart here).
 * On-hand may be negative where the source let stock go below zero.
 *
 * @param stockValue the quant's value at cost in its company's currency, as Odoo computes it (stock.quant.value: the
 *                   product's valued amount over its valued quantity, times this quantity; zero outside the merchant's
 *                   own locations); empty where it is not read (the integration user is no inventory administrator)
 */
public record StockLevel(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        Long productId,
        String product,
        Long locationId,
        String location,
        Long companyId,
        String company,
        BigDecimal onHand,
        BigDecimal reserved,
        Instant updatedAt,
        BigDecimal stockValue) {

    /** A quant read without its value. */
    public StockLevel(String tenant, String sourceSystem, String sourceModel, long sourceId, String sourceVersion,
                      Long productId, String product, Long locationId, String location, Long companyId,
                      String company, BigDecimal onHand, BigDecimal reserved, Instant updatedAt) {
        this(tenant, sourceSystem, sourceModel, sourceId, sourceVersion, productId, product, locationId, location,
                companyId, company, onHand, reserved, updatedAt, null);
    }
}
