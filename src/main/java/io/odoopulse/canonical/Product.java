package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A sellable article (a variant where the source has variants) with the catalogue attributes that catalogue-health
 * KPIs read: reference, price, image, description, active, stock-tracked.
 *
 * @param internalReference the merchant's own code (SKU); empty when the catalogue has none
 * @param price the list price in {@code currency}
 * @param companyId the company the product belongs to; empty = shared by every company
 * @param stockable whether on-hand quantities are tracked for it
 * @param published whether it is published on the merchant's web shop; empty without a web shop
 */
public record Product(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String name,
        String internalReference,
        String barcode,
        Long templateId,
        String category,
        ProductKind kind,
        Boolean stockable,
        BigDecimal price,
        String currency,
        Long companyId,
        String company,
        Boolean hasImage,
        Boolean hasDescription,
        Boolean saleable,
        Boolean active,
        Instant updatedAt,
        Boolean published) {

    /** A product without a web shop flag (a source that has none). */
    public Product(String tenant, String sourceSystem, String sourceModel, long sourceId, String sourceVersion,
                   String name, String internalReference, String barcode, Long templateId, String category,
                   ProductKind kind, Boolean stockable, BigDecimal price, String currency, Long companyId,
                   String company, Boolean hasImage, Boolean hasDescription, Boolean saleable, Boolean active,
                   Instant updatedAt) {
        this(tenant, sourceSystem, sourceModel, sourceId, sourceVersion, name, internalReference, barcode, templateId,
                category, kind, stockable, price, currency, companyId, company, hasImage, hasDescription, saleable,
                active, updatedAt, null);
    }
}
