package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint by which a pull knows that a model's stored records were made by another mapping. */
class MappingFingerprintTest {

    private static final MappingCatalog SHIPPED = MappingCatalog.load(Path.of("mappings"));

    @TempDir
    Path dir;

    @Test
    void theSameMappingFromAnotherFolderHasTheSameFingerprint() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(Path.of("mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }

        assertThat(fingerprint(MappingCatalog.load(copy).forServerVersion("17.0"), "sale.order"))
                .isEqualTo(fingerprint(SHIPPED.forServerVersion("17.0"), "sale.order"));
    }

    @Test
    void anOverrideOfOneFieldChangesThatModelsFingerprintAndNoOther() throws Exception {
        Path override = Files.writeString(dir.resolve("override.yaml"), """
                models:
                  sale.order:
                    fields:
                      channel: { from: client_order_ref }
                """);
        MappingFile base = SHIPPED.forServerVersion("17.0");
        MappingFile overridden = SHIPPED.forTenant(Optional.of(override), "17.0");

        assertThat(fingerprint(overridden, "sale.order")).isNotEqualTo(fingerprint(base, "sale.order"));
        assertThat(fingerprint(overridden, "account.move")).isEqualTo(fingerprint(base, "account.move"));
    }

    @Test
    void anOverrideFileEditedInPlaceIsANewMapping() throws Exception {
        Path override = Files.writeString(dir.resolve("override.yaml"), """
                models:
                  sale.order:
                    fields:
                      channel: { from: client_order_ref }
                """);
        String before = fingerprint(SHIPPED.forTenant(Optional.of(override), "17.0"), "sale.order");

        Files.writeString(override, """
                models:
                  sale.order:
                    fields:
                      channel: { from: origin }
                """);

        assertThat(fingerprint(SHIPPED.forTenant(Optional.of(override), "17.0"), "sale.order")).isNotEqualTo(before);
    }

    @Test
    void aFieldNoLongerLeftOutOfTheReadChangesTheFingerprint() {
        // An app installed since: its field (website_id) is read now and was not before.
        ModelMapping orders = SHIPPED.forServerVersion("17.0").forModel("sale.order");
        List<String> withoutWebsite = orders.sourceFields().stream().filter(f -> !f.equals("website_id")).toList();

        assertThat(orders.fingerprint(orders.sourceFields())).isNotEqualTo(orders.fingerprint(withoutWebsite));
    }

    private static String fingerprint(MappingFile mapping, String model) {
        ModelMapping m = mapping.forModel(model);
        return m.fingerprint(m.sourceFields());
    }
}
