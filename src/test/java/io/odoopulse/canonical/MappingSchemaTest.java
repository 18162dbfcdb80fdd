package io.odoopulse.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoopulse.schema.FileSchema;
import org.junit.jupiter.api.Test;

/** schema/mapping.schema.json offers editors exactly the canonical types and field types the loader accepts. */
class MappingSchemaTest {

    @Test
    void theSchemasCanonicalTypesAreTheCanonicalModels() {
        assertThat(values(FileSchema.MAPPING.root().at("/definitions/target/properties/canonical/enum")))
                .containsExactlyInAnyOrderElementsOf(CanonicalTypes.names());
    }

    @Test
    void theSchemasFieldTypesAreTheKindsTheEngineReads() {
        assertThat(values(FileSchema.MAPPING.root().at("/definitions/rule/properties/type/enum")))
                .containsExactlyElementsOf(Arrays.asList(FieldKind.allowed().split(", ")));
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
