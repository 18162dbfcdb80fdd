package io.odoopulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * docs/tenant-bundle.md's key tables are the schemas' own words. When a schema changes, regenerate them with
 * {@value #REGENERATE} and commit the doc.
 */
class SchemaDocsTest {

    static final String REGENERATE = "mvn -B -ntp test -Dtest=SchemaDocsTest -Dpulse.docs.regenerate=true";
    private static final Path DOC = Path.of("docs/tenant-bundle.md");

    @Test
    void theTenantBundleKeyTableIsGeneratedFromItsSchema() throws IOException {
        check("tenant-bundle", FileSchema.TENANT_BUNDLE);
    }

    @Test
    void theMappingFileKeyTableIsGeneratedFromItsSchema() throws IOException {
        check("mapping", FileSchema.MAPPING);
    }

    private static void check(String name, FileSchema schema) throws IOException {
        String begin = "<!-- generated from schema/" + schema.name() + " by SchemaDocs (" + REGENERATE + ") -->\n";
        String end = "<!-- end of generated " + name + " table -->";
        String doc = Files.readString(DOC);
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertThat(from).as(DOC + " has no marker " + begin).isNotNegative();
        assertThat(to).as(DOC + " has no marker " + end).isGreaterThan(from);
        String expected = SchemaDocs.table(schema);
        String actual = doc.substring(from + begin.length(), to);
        if (Boolean.getBoolean("pulse.docs.regenerate")) {
            Files.writeString(DOC, doc.substring(0, from + begin.length()) + expected + doc.substring(to));
            return;
        }
        assertThat(actual).as(DOC + " differs from schema/" + schema.name() + "; regenerate with: " + REGENERATE)
                .isEqualTo(expected);
    }
}
