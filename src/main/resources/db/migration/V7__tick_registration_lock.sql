-- Instances starting at once on an empty clustered job store would each find a tenant's Quartz job missing and
-- insert it, and all but one would fail. They register their tenants' triggers in turn, under this row's lock.
CREATE TABLE pulse_lock (
    name VARCHAR(64) PRIMARY KEY
);
INSERT INTO pulse_lock (name) VALUES ('tick-registration');
