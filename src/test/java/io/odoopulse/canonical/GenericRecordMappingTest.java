package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An Odoo model the canonical model does not know, mapped by a tenant's override as {@code canonical: GenericRecord}:
 * its listed fields, typed, become one JSON payload stored in canonical_generic_record.
 */
class GenericRecordMappingTest {

    @TempDir
    Path dir;

    private ModelMapping leads(String fields) throws IOException {
        Path overrides = Files.writeString(dir.resolve("leads.yaml"), """
                models:
                  crm.lead:
                    canonical: GenericRecord
                    fields:
                """ + fields);
        return MappingCatalog.load(Path.of("mappings")).forTenant(Optional.of(overrides), "17.0")
                .forModel("crm.lead");
    }

    @Test
    void theListedFieldsAreStoredAsOneTypedJsonPayload() throws IOException {
        ModelMapping leads = leads("""
                      name:      { from: name }
                      revenue:   { from: expected_revenue, type: monetary }
                      stage:     { from: stage_id, type: many2one-name }
                      closing:   { from: date_deadline, type: date }
                      updatedAt: { from: write_date, type: datetime, required: true }
                """);
        Record lead = leads.map("acme", "odoo", "17.0", Map.of("id", 7, "name", "Shop fit-out",
                "expected_revenue", 12500.5, "stage_id", List.of(3, "Proposition"), "date_deadline", false,
                "write_date", "2026-11-20 09:15:00"));
        JdbcTemplate jdbc = TestDatabase.freshH2();
        new CanonicalStore(jdbc).storeAll(List.of(lead));

        assertThat(leads.sourceFields()).containsExactly("date_deadline", "expected_revenue", "id", "name",
                "stage_id", "write_date");
        assertThat(jdbc.queryForMap("SELECT source_model, source_id, payload, updated_at FROM canonical_generic_record"
                + " WHERE tenant = 'acme'")).containsEntry("SOURCE_MODEL", "crm.lead").containsEntry("SOURCE_ID", 7L)
                .containsEntry("PAYLOAD", "{\"closing\":null,\"name\":\"Shop fit-out\",\"revenue\":12500.5,"
                        + "\"stage\":\"Proposition\"}");
    }

    @Test
    void aGenericRecordWithoutUpdatedAtIsRejectedWithItsFileAndLine() {
        assertThatThrownBy(() -> leads("""
                      name: { from: name }
                """)).hasMessageContaining("leads.yaml:3:")
                .hasMessageContaining("updatedAt");
    }
}
