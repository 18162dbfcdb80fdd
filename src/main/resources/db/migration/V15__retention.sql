-- Retention (docs/operations.md#retention): resolved dead letters are found by age without scanning the open ones,
-- a payload whose personal data was masked says when, and each scheduled run is claimed by one instance.
CREATE INDEX dead_letter_resolved ON dead_letter (status, resolved_at);
CREATE INDEX dead_letter_failed ON dead_letter (failed_at);
ALTER TABLE dead_letter ADD COLUMN payload_masked_at TIMESTAMP WITH TIME ZONE;

-- One row per scheduled run: the instance whose insert succeeds runs it, the others see the key taken.
CREATE TABLE retention_run (
    scheduled_for  TIMESTAMP WITH TIME ZONE NOT NULL PRIMARY KEY,
    instance       VARCHAR(200) NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    dead_letters   BIGINT,
    personal_data  BIGINT,
    idempotent_keys BIGINT
);
