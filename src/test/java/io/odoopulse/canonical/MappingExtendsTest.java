package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mapping files say only what differs ({@code extends:}). The safety net: each version's merged mapping equals the
 * full file it replaced (src/test/resources/mappings-full, copied before the files became differences).
 */
class MappingExtendsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"16", "17", "18", "19"})
    void theMergedMappingOfEachVersionEqualsTheFullFileItReplaced(String version) {
        MappingFile merged = MappingLoader.load(Path.of("mappings/odoo-" + version + ".yaml"));
        MappingFile full = MappingLoader.load(Path.of("src/test/resources/mappings-full/odoo-" + version + ".yaml"));

        assertThat(merged.source()).isEqualTo(full.source());
        assertThat(merged.version()).isEqualTo(full.version());
        assertThat(describe(merged)).isEqualTo(describe(full));
    }

    @Test
    void aRuleReadFromTheExtendedFileNamesThatFile() {
        MappingFile odoo18 = MappingLoader.load(Path.of("mappings/odoo-18.yaml"));

        assertThat(odoo18.forModel("sale.order").targets().get(0).rules().get("status").file())
                .isEqualTo("mappings/odoo-17.yaml");
        assertThat(odoo18.forModel("product.product").targets().get(0).rules().get("kind").file())
                .isEqualTo("mappings/odoo-18.yaml");
    }

    @Test
    void aFieldSetToNullIsRemovedAndANewModelAdded() throws IOException {
        Path file = write("custom.yaml", """
                extends: %s
                models:
                  sale.order:
                    fields:
                      channel: ~
                  purchase.order:
                    canonical: Order
                    fields:
                      name: { from: name }
                """.formatted(Path.of("mappings/odoo-17.yaml").toAbsolutePath()));

        MappingFile mapping = MappingLoader.load(file);

        assertThat(mapping.version()).isEqualTo("17.0");
        assertThat(mapping.forModel("sale.order").sourceFields()).doesNotContain("team_id").contains("amount_total");
        assertThat(mapping.forModel("purchase.order").canonicalType()).isEqualTo(Order.class);
    }

    @Test
    void aTargetOfAListModelIsMergedIntoTheBasesTargetOfTheSameCanonicalType() throws IOException {
        Path file = write("custom.yaml", """
                extends: %s
                models:
                  account.move:
                    - canonical: CreditNote
                      when: { move_type: [out_refund, in_refund] }
                """.formatted(Path.of("mappings/odoo-17.yaml").toAbsolutePath()));

        ModelMapping moves = MappingLoader.load(file).forModel("account.move");

        assertThat(moves.targets()).hasSize(2);
        assertThat(moves.targets().get(0).when()).isEqualTo(Map.of("move_type", java.util.Set.of("out_invoice")));
        assertThat(moves.targets().get(1).when().get("move_type")).containsExactly("out_refund", "in_refund");
        assertThat(moves.targets().get(1).rules()).containsKey("reversedInvoiceId");
    }

    @Test
    void extendingAMissingFileNamesTheLineAndColumnOfExtends() throws IOException {
        Path file = write("odoo-20.yaml", """
                # Odoo 20
                extends: odoo-99.yaml
                version: "20.0"
                """);

        assertThatThrownBy(() -> MappingLoader.load(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file + ":2:10: extends: no mapping file 'odoo-99.yaml' beside this one");
    }

    @Test
    void aFileExtendingItselfIsALoop() throws IOException {
        write("a.yaml", "extends: b.yaml\nmodels: {}\n");
        Path b = write("b.yaml", "extends: a.yaml\nmodels: {}\n");

        assertThatThrownBy(() -> MappingLoader.load(b))
                .hasMessageStartingWith(dir.resolve("a.yaml") + ":1:10: extends: 'b.yaml' extends this file again");
    }

    @Test
    void removingAFieldTheBaseLacksIsAnError() throws IOException {
        Path file = write("custom.yaml", """
                extends: %s
                models:
                  sale.order:
                    fields:
                      chanel: ~
                """.formatted(Path.of("mappings/odoo-17.yaml").toAbsolutePath()));

        assertThatThrownBy(() -> MappingLoader.load(file))
                .hasMessageStartingWith(file + ":5:7: models.sale.order.fields.chanel: nothing to remove");
    }

    /** Everything a mapping decides, per model and target, without the file each rule was read from. */
    private static Map<String, List<String>> describe(MappingFile file) {
        Map<String, List<String>> models = new TreeMap<>();
        file.models().forEach((model, mapping) -> models.put(model, mapping.targets().stream()
                .map(t -> t.canonicalType().getSimpleName() + " when " + new TreeMap<>(t.when()) + " "
                        + new TreeMap<>(t.rules()).values().stream().map(r -> List.of(r.canonicalField(),
                                r.sourceField(), r.kind(), new TreeMap<>(r.valueMap()), String.valueOf(r.defaultValue()),
                                r.required(), r.targetType().getSimpleName())).toList())
                .toList()));
        return models;
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }
}
