-- The slow-moving stock audit check (docs/kpis.md, "Audit checks") weighs stock by its value at cost: each quant's
-- value as Odoo computes it (stock.quant.value, in the quant's company currency).
ALTER TABLE canonical_stock_level ADD COLUMN stock_value NUMERIC(30, 10);
