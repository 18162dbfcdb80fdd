package io.odoopulse.canonical;

import java.time.Instant;

/**
 * A stock location (Odoo's {@code stock.location}) and its place in the location tree.
 *
 * @param name the full name, parents included ({@code WH/Stock/Shelf 1}: Odoo's {@code complete_name})
 * @param parentId the parent location; null for a root
 * @param parentPath the ids from the root down to this location, each followed by '/' ({@code 1/7/8/}: Odoo's
 *                   {@code parent_path}): a location lies within another (Odoo's {@code child_of}) when its path
 *                   starts with the other's; renaming a location leaves it as it is
 * @param kind the location's role (Odoo's {@code usage})
 * @param active false for an archived location (stock in it still counts in its parents' on hand)
 */
public record Location(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String name,
        Long parentId,
        String parentPath,
        LocationKind kind,
        Long companyId,
        String company,
        Boolean active,
        Instant updatedAt) {
}
