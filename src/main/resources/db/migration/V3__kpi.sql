-- KPI aggregation. Portable between H2 (MODE=PostgreSQL) and PostgreSQL 15.

-- Company-currency amounts of customer invoices and credit notes as the source booked them (Odoo's *_signed):
-- converting the document amounts again with a day's rate does not reproduce Odoo's per-line rounding.
ALTER TABLE canonical_invoice ADD COLUMN company_amount_total NUMERIC(30, 10);
ALTER TABLE canonical_invoice ADD COLUMN company_amount_residual NUMERIC(30, 10);
ALTER TABLE canonical_credit_note ADD COLUMN company_amount_total NUMERIC(30, 10);
ALTER TABLE canonical_credit_note ADD COLUMN company_amount_residual NUMERIC(30, 10);

-- Customer cards group a tenant's confirmed orders by customer.
CREATE INDEX canonical_order_customer ON canonical_order (tenant, status, customer_id);
-- Incremental KPI refresh finds what changed since the last one.
CREATE INDEX canonical_order_updated ON canonical_order (tenant, updated_at);

-- The latest snapshot pushed per tenant: the next one is compared with it to raise alerts.
CREATE TABLE kpi_snapshot (
    tenant        VARCHAR(64)  NOT NULL PRIMARY KEY,
    as_of         TIMESTAMP WITH TIME ZONE NOT NULL,
    generated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    body          TEXT         NOT NULL
);
