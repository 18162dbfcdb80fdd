package io.odoopulse.kpi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The Odoo call that reproduces a card's figure in Odoo itself ("explain this number"), for this card's window,
 * currency and companies: {@code execute_kw(model, method, [], {domain, fields, groupby, **kwargs, context})}.
 * Without a {@code note} the figure is the call's answer: the search_count, or the sum over the read_group's rows of
 * its one aggregate (of {@code __count} when {@code fields} is empty). With a note, the figure is computed from the
 * answers of this call and those in {@code also}, as the note says. Holds no credentials, only what the call asks.
 *
 * @param kwargs further keyword arguments of the call ({@code lazy: false} for read_group, so rows count in
 *               {@code __count})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OdooQuery(
        String model,
        String method,
        List<Object> domain,
        List<String> fields,
        List<String> groupby,
        Map<String, Object> kwargs,
        Map<String, Object> context,
        String note,
        List<OdooQuery> also) {

    static OdooQuery searchCount(String model, List<Object> domain, Map<String, Object> context) {
        return new OdooQuery(model, "search_count", List.copyOf(domain), null, null, null, context, null, null);
    }

    static OdooQuery readGroup(String model, List<Object> domain, List<String> fields, List<String> groupby,
                               Map<String, Object> context) {
        return new OdooQuery(model, "read_group", List.copyOf(domain), List.copyOf(fields), List.copyOf(groupby),
                Map.of("lazy", false), context, null, null);
    }

    /** The same call with more keyword arguments (read_group's orderby, limit), in the order given. */
    OdooQuery with(String key, Object value, String key2, Object value2) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(kwargs == null ? Map.of() : kwargs);
        more.put(key, value);
        more.put(key2, value2);
        return new OdooQuery(model, method, domain, fields, groupby, java.util.Collections.unmodifiableMap(more),
                context, note, also);
    }

    /** The figure is computed from this call's answer (and those of {@code more}) as {@code how} says. */
    OdooQuery computed(String how, OdooQuery... more) {
        return new OdooQuery(model, method, domain, fields, groupby, kwargs, context, how,
                more.length == 0 ? null : List.of(more));
    }

    /** The figure is this call's answer. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean direct() {
        return note == null;
    }
}
