-- A counter per tenant that every write to its canonical records raises, in the same transaction: what the store
-- held when a figure was computed can be told from what it holds now without reading the records (KPI series).
CREATE TABLE canonical_revision (
    tenant    VARCHAR(64) NOT NULL PRIMARY KEY,
    revision  BIGINT      NOT NULL
);

-- Which save wrote the tenant's latest snapshot: an instance that holds the one it saved in memory uses it while
-- the table still holds that save, instead of reading and parsing the body every tick.
ALTER TABLE kpi_snapshot ADD COLUMN saved_id VARCHAR(36);
