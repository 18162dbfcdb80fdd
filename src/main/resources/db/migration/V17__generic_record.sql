-- Records of Odoo models the canonical model does not know, kept as mapped by a tenant's mapping override
-- (canonical: GenericRecord, docs/extending.md): keyed like every canonical table, the mapped fields as one JSON
-- object in payload (text, so that H2 and PostgreSQL read it alike; PostgreSQL: payload::jsonb ->> 'field').
CREATE TABLE canonical_generic_record (
    tenant                VARCHAR(64) NOT NULL,
    source_system         VARCHAR(32) NOT NULL,
    source_model          VARCHAR(64) NOT NULL,
    source_id             BIGINT NOT NULL,
    source_version        VARCHAR(32),
    payload               VARCHAR,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, source_system, source_model, source_id)
);
