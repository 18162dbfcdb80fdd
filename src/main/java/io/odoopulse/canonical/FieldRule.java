package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a mapping file: which source field feeds a canonical field and how it is read.
 *
 * @param valueMap source value to canonical value (e.g. Odoo state {@code sale} to {@code confirmed}); empty = as is
 * @param defaultValue canonical value used when Odoo returns {@code false} or nothing; null = leave empty
 * @param required an empty value makes the record unmappable
 * @param file the mapping file the rule was read from (a tenant's override file or the version's file)
 */
public record FieldRule(
        String canonicalField,
        String sourceField,
        FieldKind kind,
        Map<String, String> valueMap,
        String defaultValue,
        boolean required,
        Class<?> targetType,
        String file) {

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A double carries 15 reliable significant digits; beyond them Odoo's floats are noise (37.54000000000002). */
    private static final MathContext DOUBLE_DIGITS = new MathContext(15);

    /** Reads this rule's field from an Odoo record and converts it to {@link #targetType()}. */
    Object read(Map<String, Object> record) {
        Object raw = record.get(sourceField);
        if (kind == FieldKind.PRESENT) {
            return !(raw == null || Boolean.FALSE.equals(raw) || raw instanceof String s && s.isBlank()
                    || raw instanceof List<?> l && l.isEmpty());
        }
        Object value = isEmpty(raw) ? null : extract(raw);
        if (value == null) {
            if (defaultValue != null) {
                // The default is already a canonical value: it does not go through the value map.
                return convert(defaultValue);
            }
            if (required) {
                throw new UnmappableRecordException("required field '" + sourceField + "' (canonical '"
                        + canonicalField + "') is empty");
            }
            return null;
        }
        if (!valueMap.isEmpty()) {
            String mapped = valueMap.get(String.valueOf(value));
            if (mapped == null) {
                throw new UnmappableRecordException("field '" + sourceField + "' has value '" + value
                        + "' that the mapping does not know (known: " + valueMap.keySet() + ")");
            }
            value = mapped;
        }
        return convert(value);
    }

    private boolean isEmpty(Object raw) {
        // Odoo returns false for every empty non-boolean field; for a boolean field false is a value.
        boolean booleanTarget = targetType == Boolean.class || targetType == boolean.class;
        return raw == null || Boolean.FALSE.equals(raw) && !booleanTarget;
    }

    private Object extract(Object raw) {
        return switch (kind) {
            case MANY2ONE_ID -> many2one(raw).get(0);
            case MANY2ONE_NAME -> many2one(raw).get(1);
            case COUNT -> {
                if (!(raw instanceof List<?> ids)) {
                    throw new UnmappableRecordException("field '" + sourceField + "' is not an id list: " + raw);
                }
                yield ids.size();
            }
            default -> raw;
        };
    }

    private List<?> many2one(Object raw) {
        if (raw instanceof List<?> pair && pair.size() == 2) {
            return pair;
        }
        throw new UnmappableRecordException("field '" + sourceField + "' is not a many2one [id, name]: " + raw);
    }

    /** A generic record's field: the type its kind reads (a value as Odoo returned it, a datetime an Instant...). */
    FieldRule typedByKind() {
        Class<?> typed = switch (kind) {
            case MONETARY -> java.math.BigDecimal.class;
            case DATETIME -> Instant.class;
            case DATE -> LocalDate.class;
            case COUNT -> Integer.class;
            case PRESENT -> Boolean.class;
            case MANY2ONE_ID -> Long.class;
            case MANY2ONE_NAME -> String.class;
            case VALUE -> Object.class;
        };
        return new FieldRule(canonicalField, sourceField, kind, valueMap, defaultValue, required, typed, file);
    }

    private Object convert(Object value) {
        if (targetType == Object.class) {
            return value;
        }
        try {
            if (targetType == String.class) {
                return String.valueOf(value);
            }
            if (targetType == Long.class || targetType == long.class) {
                return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
            }
            if (targetType == Integer.class || targetType == int.class) {
                return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString());
            }
            if (targetType == BigDecimal.class) {
                return new BigDecimal(value.toString()).round(DOUBLE_DIGITS);
            }
            if (targetType == Boolean.class || targetType == boolean.class) {
                return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
            }
            if (targetType == Instant.class) {
                return kind == FieldKind.DATE
                        ? LocalDate.parse(value.toString()).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : LocalDateTime.parse(value.toString(), ODOO_DATETIME).toInstant(ZoneOffset.UTC);
            }
            if (targetType == LocalDate.class) {
                return LocalDate.parse(value.toString().substring(0, Math.min(10, value.toString().length())));
            }
            if (targetType.isEnum()) {
                return enumValue(value.toString());
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UnmappableRecordException("field '" + sourceField + "' value '" + value
                    + "' cannot be read as " + targetType.getSimpleName() + " (canonical '" + canonicalField + "')", e);
        }
        throw new UnmappableRecordException("canonical field '" + canonicalField + "' has an unsupported type "
                + targetType.getSimpleName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object enumValue(String name) {
        try {
            return Enum.valueOf((Class) targetType, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnmappableRecordException("field '" + sourceField + "' maps to '" + name + "', which is not a "
                    + targetType.getSimpleName() + " value", e);
        }
    }
}
