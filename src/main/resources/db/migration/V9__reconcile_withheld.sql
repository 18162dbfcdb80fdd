-- A sudden drop found by deletion reconciliation (more of a model's rows missing from Odoo in one pass than the
-- tenant's limits allow: a user who lost access sees a short list) is withheld, not applied, until it recurs on
-- enough passes or an operator confirms its notice. Kept here, not in memory: any instance may run the next pass.
ALTER TABLE operator_notice ADD COLUMN confirmed_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE reconcile_withheld (
    tenant       VARCHAR(64)  NOT NULL,
    model        VARCHAR(64)  NOT NULL,
    ids          TEXT         NOT NULL,
    withheld     INTEGER      NOT NULL,
    live         INTEGER      NOT NULL,
    recurrences  INTEGER      DEFAULT 0 NOT NULL,
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, model)
);
