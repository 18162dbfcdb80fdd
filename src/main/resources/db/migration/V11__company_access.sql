-- Which companies each tenant's integration user may see, as last read from Odoo (each tick): a company granted
-- later is loaded in full, one taken away is reported once and its stored rows kept (not reconciled away).
CREATE TABLE tenant_company_access (
    tenant      VARCHAR(64) NOT NULL,
    company_id  BIGINT      NOT NULL,
    visible     BOOLEAN     NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, company_id)
);
