-- Parity audit (docs/parity-audit.md): the store compared with Odoo's own counts and figures every few ticks of a
-- tenant. Kept in the database because every instance may run a tenant's ticks.
CREATE TABLE parity_audit_tick (
    tenant       VARCHAR(64) PRIMARY KEY,
    ticks        BIGINT  DEFAULT 0 NOT NULL,
    -- the last audit found drift: the next tick audits again, whatever the count
    due          BOOLEAN DEFAULT FALSE NOT NULL
);

-- Each model's last audit.
CREATE TABLE parity_audit (
    tenant       VARCHAR(64)   NOT NULL,
    model        VARCHAR(64)   NOT NULL,
    audited_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    result       VARCHAR(16)   NOT NULL,
    figures      INTEGER       NOT NULL,
    differences  INTEGER       NOT NULL,
    detail       VARCHAR(4000),
    PRIMARY KEY (tenant, model)
);
