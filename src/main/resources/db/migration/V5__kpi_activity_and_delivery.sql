-- Customer activity kept between snapshots, so the customer cards stop rescanning the orders of the longest window;
-- and whether a snapshot was delivered, so that the alerts of a push that failed are not lost.

-- The instant an order counts at: an order moved within its day changes no day sum but can change a customer's
-- first or last order and whether they were active in a window that starts or ends that day.
ALTER TABLE kpi_order_contribution ADD COLUMN ordered_at TIMESTAMP WITH TIME ZONE;

-- Bit k set: the customer has a confirmed order in period k of the snapshot described by the watermark's
-- activity_periods. NULL: not known for those periods (the row was just recomputed from the orders).
ALTER TABLE kpi_customer_lifetime ADD COLUMN activity BIGINT;

-- The periods the activity bits stand for, as start/end pairs of epoch second:nano ("s0/e0,s1/e1,...").
ALTER TABLE kpi_sales_watermark ADD COLUMN activity_periods VARCHAR(4000);

-- Whether the latest snapshot reached the Nerve Centre: the alerts of one that did not are carried into the next.
ALTER TABLE kpi_snapshot ADD COLUMN delivered BOOLEAN DEFAULT FALSE NOT NULL;
