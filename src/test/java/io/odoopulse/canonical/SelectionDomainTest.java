package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The records a model's targets select, as an Odoo domain: what a reconciliation's re-read asks for. */
class SelectionDomainTest {

    private final MappingFile mapping = MappingLoader.load(Path.of("mappings/odoo-17.yaml"));

    @Test
    void targetsToldApartByWhenFiltersSelectTheirRecordsOnly() {
        assertThat(mapping.forModel("account.move").selectionDomain()).isEqualTo(List.of("|",
                List.of("move_type", "in", List.of("out_invoice")), List.of("move_type", "in", List.of("out_refund"))));
    }

    @Test
    void aTargetWithoutFilterSelectsEveryRecord() {
        assertThat(mapping.forModel("sale.order").selectionDomain()).isEmpty();
    }
}
