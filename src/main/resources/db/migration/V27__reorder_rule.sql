-- Replenishment rules (stock.warehouse.orderpoint) for the audit check of products below their reorder point
-- (docs/kpis.md, "Audit checks").
CREATE TABLE canonical_reorder_rule (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    product_id            BIGINT,
    product               VARCHAR(255),
    location_id           BIGINT,
    location              VARCHAR(255),
    warehouse_id          BIGINT,
    warehouse             VARCHAR(255),
    company_id            BIGINT,
    company               VARCHAR(255),
    min_quantity          NUMERIC(30, 10),
    max_quantity          NUMERIC(30, 10),
    trigger_mode          VARCHAR(16),
    active                BOOLEAN,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);
