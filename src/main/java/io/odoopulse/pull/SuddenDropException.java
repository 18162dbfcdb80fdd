package io.odoopulse.pull;

/**
 * A deletion reconciliation found more of a model's stored rows missing from Odoo than the tenant's limits allow in
 * one pass; the drop is withheld, not applied. Dead-lettered (route {@code deletion-reconcile}) with the withheld
 * ids as payload, so operators see it beside the records that failed.
 */
public class SuddenDropException extends RuntimeException {

    public SuddenDropException(String message) {
        super(message);
    }
}
