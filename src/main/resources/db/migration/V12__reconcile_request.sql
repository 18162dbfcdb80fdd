-- A reconciliation asked for outside its every-N schedule (the parity audit found more rows stored than Odoo has):
-- run on the model's next pull, by whichever instance runs it.
ALTER TABLE pull_freshness ADD COLUMN reconcile_requested BOOLEAN DEFAULT FALSE NOT NULL;
