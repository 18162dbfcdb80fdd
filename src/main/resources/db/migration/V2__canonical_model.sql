-- The canonical retail model beyond orders. Portable between H2 (MODE=PostgreSQL) and PostgreSQL 15.
-- Each table holds the current version of every record, keyed by where it came from (tenant, source system, model,
-- id): one source model may feed two tables (account.move -> invoice, credit note) and ids repeat across models.
-- deleted_at marks a record deleted at the source; it is kept as a tombstone so a late, older copy cannot revive it.
-- Column names are the snake_case of the canonical record's components; the store derives its SQL from them.

ALTER TABLE canonical_order ADD COLUMN channel VARCHAR(255);
ALTER TABLE canonical_order ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;

-- Legal entities of the merchant, each with the currency its books are kept in.
CREATE TABLE canonical_company (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    name                  VARCHAR,
    currency              VARCHAR(8),
    parent_id             BIGINT,
    active                BOOLEAN,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- Rates per company and day: units of currency per one unit of the company currency.
CREATE TABLE canonical_currency_rate (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    currency              VARCHAR(8),
    valid_from            DATE,
    rate                  NUMERIC(30, 10),
    company_id            BIGINT,
    company               VARCHAR,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- Contacts the merchant sells to; company_id empty = shared by every company.
CREATE TABLE canonical_customer (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    name                  VARCHAR,
    email                 VARCHAR,
    organisation          BOOLEAN,
    parent_id             BIGINT,
    country               VARCHAR,
    company_id            BIGINT,
    company               VARCHAR,
    sales_count           INTEGER,
    active                BOOLEAN,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- Sellable variants with their catalogue attributes.
CREATE TABLE canonical_product (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    name                  VARCHAR,
    internal_reference    VARCHAR,
    barcode               VARCHAR,
    template_id           BIGINT,
    category              VARCHAR,
    kind                  VARCHAR(32),
    stockable             BOOLEAN,
    price                 NUMERIC(30, 10),
    currency              VARCHAR(8),
    company_id            BIGINT,
    company               VARCHAR,
    has_image             BOOLEAN,
    has_description       BOOLEAN,
    saleable              BOOLEAN,
    active                BOOLEAN,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- Lines of canonical orders, in the order's currency.
CREATE TABLE canonical_order_line (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    order_id              BIGINT,
    order_name            VARCHAR,
    sequence              INTEGER,
    kind                  VARCHAR(32),
    product_id            BIGINT,
    product               VARCHAR,
    description           VARCHAR,
    quantity              NUMERIC(30, 10),
    quantity_delivered    NUMERIC(30, 10),
    quantity_invoiced     NUMERIC(30, 10),
    unit_price            NUMERIC(30, 10),
    discount_percent      NUMERIC(30, 10),
    amount_untaxed        NUMERIC(30, 10),
    amount_tax            NUMERIC(30, 10),
    amount_total          NUMERIC(30, 10),
    currency              VARCHAR(8),
    company_id            BIGINT,
    company               VARCHAR,
    status                VARCHAR(32),
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- Customer invoices; positive amounts in their own currency.
CREATE TABLE canonical_invoice (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    name                  VARCHAR,
    status                VARCHAR(32),
    payment_state         VARCHAR(32),
    invoice_date          DATE,
    due_date              DATE,
    customer_id           BIGINT,
    customer              VARCHAR,
    origin                VARCHAR,
    currency              VARCHAR(8),
    company_id            BIGINT,
    company               VARCHAR,
    amount_untaxed        NUMERIC(30, 10),
    amount_tax            NUMERIC(30, 10),
    amount_total          NUMERIC(30, 10),
    amount_residual       NUMERIC(30, 10),
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- Customer credit notes; positive amounts in their own currency, reversed_invoice_id the invoice undone.
CREATE TABLE canonical_credit_note (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    name                  VARCHAR,
    status                VARCHAR(32),
    payment_state         VARCHAR(32),
    invoice_date          DATE,
    due_date              DATE,
    customer_id           BIGINT,
    customer              VARCHAR,
    reversed_invoice_id   BIGINT,
    reversed_invoice      VARCHAR,
    currency              VARCHAR(8),
    company_id            BIGINT,
    company               VARCHAR,
    amount_untaxed        NUMERIC(30, 10),
    amount_tax            NUMERIC(30, 10),
    amount_total          NUMERIC(30, 10),
    amount_residual       NUMERIC(30, 10),
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- Payments received or sent; positive amounts in their own currency, direction gives the sense.
CREATE TABLE canonical_payment (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    name                  VARCHAR,
    status                VARCHAR(32),
    paid_on               DATE,
    direction             VARCHAR(32),
    partner_role          VARCHAR(32),
    partner_id            BIGINT,
    partner               VARCHAR,
    amount                NUMERIC(30, 10),
    currency              VARCHAR(8),
    company_id            BIGINT,
    company               VARCHAR,
    journal_id            BIGINT,
    journal               VARCHAR,
    method                VARCHAR,
    reconciled            BOOLEAN,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- On-hand and reserved quantity per product and location (Odoo quants).
CREATE TABLE canonical_stock_level (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    product_id            BIGINT,
    product               VARCHAR,
    location_id           BIGINT,
    location              VARCHAR,
    company_id            BIGINT,
    company               VARCHAR,
    on_hand               NUMERIC(30, 10),
    reserved              NUMERIC(30, 10),
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

-- Stock movements; done ones say what left or entered the merchant's locations and when.
CREATE TABLE canonical_stock_move (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    reference             VARCHAR,
    product_id            BIGINT,
    product               VARCHAR,
    quantity              NUMERIC(30, 10),
    status                VARCHAR(32),
    moved_at              TIMESTAMP WITH TIME ZONE,
    from_location_id      BIGINT,
    from_location         VARCHAR,
    from_kind             VARCHAR(32),
    to_location_id        BIGINT,
    to_location           VARCHAR,
    to_kind               VARCHAR(32),
    company_id            BIGINT,
    company               VARCHAR,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);

CREATE INDEX canonical_order_line_order ON canonical_order_line (tenant, source_system, order_id);
CREATE INDEX canonical_invoice_due ON canonical_invoice (tenant, status, payment_state, due_date);
CREATE INDEX canonical_credit_note_date ON canonical_credit_note (tenant, status, invoice_date);
CREATE INDEX canonical_payment_date ON canonical_payment (tenant, status, paid_on);
CREATE INDEX canonical_stock_level_product ON canonical_stock_level (tenant, product_id);
CREATE INDEX canonical_stock_move_done ON canonical_stock_move (tenant, status, moved_at);
CREATE INDEX canonical_currency_rate_day ON canonical_currency_rate (tenant, company_id, currency, valid_from);
