-- Stock locations (stock.location) with their place in the tree (parent_path): the reorder-point audit check finds
-- a rule's child locations by it, not by name (docs/kpis.md, "Audit checks").
CREATE TABLE canonical_location (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    name                  VARCHAR(255),
    parent_id             BIGINT,
    parent_path           VARCHAR(1024),
    kind                  VARCHAR(32),
    company_id            BIGINT,
    company               VARCHAR(255),
    active                BOOLEAN,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);
