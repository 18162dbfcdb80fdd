-- The audit checks of the Nerve Centre's Odoo profile (docs/kpis.md, "Audit checks") read three more fields:
-- a sale order's invoice status (confirmed but not invoiced), an invoice's accounting date (drafts left open past
-- the closing cadence) and whether a product is published on the web shop (website_sale).
ALTER TABLE canonical_order ADD COLUMN invoice_status VARCHAR(16);
ALTER TABLE canonical_invoice ADD COLUMN accounting_date DATE;
ALTER TABLE canonical_product ADD COLUMN published BOOLEAN;
