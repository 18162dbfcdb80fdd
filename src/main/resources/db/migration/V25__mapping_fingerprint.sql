-- The mapping a model's checkpoint was read with (ModelMapping#fingerprint): when it differs from the tenant's
-- current one, the model is read again in full, since unchanged records are never read again by write_date.
ALTER TABLE pull_checkpoint ADD COLUMN mapping_fingerprint VARCHAR(64);
