-- Channels (docs/kpis.md, "Channels"): where a sale order came from, and point-of-sale orders beside sale orders.
-- A sale order of the web shop carries its website; Odoo's UTM fields say which campaign, medium and source brought
-- it. Point-of-sale orders are a model of their own in Odoo (pos.order) whose ids overlap sale.order's, so they get
-- their own table rather than rows in canonical_order (keyed without the model).
ALTER TABLE canonical_order ADD COLUMN website_id BIGINT;
ALTER TABLE canonical_order ADD COLUMN website VARCHAR(255);
ALTER TABLE canonical_order ADD COLUMN utm_campaign VARCHAR(255);
ALTER TABLE canonical_order ADD COLUMN utm_medium VARCHAR(255);
ALTER TABLE canonical_order ADD COLUMN utm_source VARCHAR(255);

CREATE TABLE canonical_pos_order (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    name                  VARCHAR(255),
    status                VARCHAR(16) NOT NULL,
    ordered_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    currency              VARCHAR(8) NOT NULL,
    company_id            BIGINT,
    company               VARCHAR(255),
    customer_id           BIGINT,
    point_of_sale_id      BIGINT,
    point_of_sale         VARCHAR(255),
    amount_tax            NUMERIC(30, 10),
    amount_total          NUMERIC(30, 10) NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);
CREATE INDEX canonical_pos_order_day ON canonical_pos_order (tenant, ordered_at);
