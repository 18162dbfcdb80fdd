package io.odoopulse.canonical;

import java.util.Map;

/** A loaded, validated mapping file: for one source system and version, how each model maps. */
public record MappingFile(String file, String source, String version, Map<String, ModelMapping> models) {

    public ModelMapping forModel(String model) {
        ModelMapping mapping = models.get(model);
        if (mapping == null) {
            throw new MappingException(file + ": no mapping for model '" + model + "' (mapped: " + models.keySet() + ")");
        }
        return mapping;
    }
}
