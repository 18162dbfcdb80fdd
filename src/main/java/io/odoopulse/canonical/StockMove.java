package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A movement of one product between two locations; once done, {@code movedAt} is when it happened.
 *
 * @param quantity the quantity moved (done) or to move (pending), in the product's unit of measure
 */
public record StockMove(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String reference,
        Long productId,
        String product,
        BigDecimal quantity,
        MoveStatus status,
        Instant movedAt,
        Long fromLocationId,
        String fromLocation,
        LocationKind fromKind,
        Long toLocationId,
        String toLocation,
        LocationKind toKind,
        Long companyId,
        String company,
        Instant updatedAt) {

    /** The direction the move takes stock in, seen from the merchant's own (internal) locations. */
    public enum Direction { INCOMING, OUTGOING, INTERNAL, OTHER }

    public Direction direction() {
        boolean fromInside = fromKind == LocationKind.INTERNAL;
        boolean toInside = toKind == LocationKind.INTERNAL;
        if (fromInside && toInside) {
            return Direction.INTERNAL;
        }
        if (fromInside) {
            return Direction.OUTGOING;
        }
        return toInside ? Direction.INCOMING : Direction.OTHER;
    }
}
