-- Incremental sales cards. Portable between H2 (MODE=PostgreSQL) and PostgreSQL 15.
-- Days are epoch days (days since 1970-01-01) so both databases compare plain integers.

-- What each order currently adds to the day sums: needed to take it out again when it changes, is cancelled or
-- deleted, since the canonical row itself only holds the latest version.
CREATE TABLE kpi_order_contribution (
    tenant         VARCHAR(64) NOT NULL,
    source_system  VARCHAR(32) NOT NULL,
    source_id      BIGINT NOT NULL,
    customer_id    BIGINT,
    local_day      BIGINT NOT NULL,
    utc_day        BIGINT NOT NULL,
    company_id     BIGINT,
    company        VARCHAR,
    currency       VARCHAR(8),
    status         VARCHAR(32),
    amount_total   NUMERIC(30, 10),
    PRIMARY KEY (tenant, source_system, source_id)
);

-- Order count and amount per tenant-local day, UTC day (it picks the conversion rate), company, currency, status.
CREATE TABLE kpi_sales_day (
    tenant         VARCHAR(64) NOT NULL,
    local_day      BIGINT NOT NULL,
    utc_day        BIGINT NOT NULL,
    company_id     BIGINT,
    company        VARCHAR,
    currency       VARCHAR(8),
    status         VARCHAR(32),
    orders         BIGINT NOT NULL,
    amount_total   NUMERIC(30, 10) NOT NULL
);
CREATE INDEX kpi_sales_day_day ON kpi_sales_day (tenant, local_day);

-- Each customer's confirmed orders per company and currency, over the whole store: recomputed for the customers
-- whose orders changed, so the customer cards read one row per customer instead of every order.
CREATE TABLE kpi_customer_lifetime (
    tenant         VARCHAR(64) NOT NULL,
    customer_id    BIGINT NOT NULL,
    company_id     BIGINT,
    company        VARCHAR,
    currency       VARCHAR(8),
    orders         BIGINT NOT NULL,
    amount_total   NUMERIC(30, 10) NOT NULL,
    first_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX kpi_customer_lifetime_customer ON kpi_customer_lifetime (tenant, customer_id);

-- How far the day sums have followed the store, and in which time zone their local days are.
CREATE TABLE kpi_sales_watermark (
    tenant         VARCHAR(64) NOT NULL PRIMARY KEY,
    zone           VARCHAR(64) NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE,
    deleted_at     TIMESTAMP WITH TIME ZONE
);

-- Orders marked deleted since the last refresh; and the partial days at a window's edges, read from the orders.
CREATE INDEX canonical_order_deleted ON canonical_order (tenant, deleted_at);
CREATE INDEX canonical_order_time ON canonical_order (tenant, ordered_at);
