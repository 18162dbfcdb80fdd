package io.odoopulse.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.kpi.OdooQuery;
import io.odoopulse.odoo.OdooClient;

/** Odoo's own answer to a card's {@code how}, asked as it stands: what the parity audit compares a card with. */
public final class OdooFigure {

    private OdooFigure() {
    }

    /** Whether one call gives the figure: a count, or a read_group with at most one aggregate. */
    public static boolean answerable(OdooQuery how) {
        return "search_count".equals(how.method())
                || "read_group".equals(how.method()) && how.fields() != null && how.fields().size() <= 1;
    }

    /** The count, or the sum over the read_group's rows of its one aggregate, to the cent. */
    public static BigDecimal answer(OdooClient client, OdooQuery how) {
        Map<String, Object> context = how.context() == null ? Map.of() : how.context();
        if ("search_count".equals(how.method())) {
            return BigDecimal.valueOf(client.searchCount(how.model(), how.domain(), context));
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("domain", how.domain());
        kwargs.put("fields", how.fields());
        kwargs.put("groupby", how.groupby());
        if (how.kwargs() != null) {
            kwargs.putAll(how.kwargs());
        }
        kwargs.put("context", context);
        String key = how.fields().isEmpty() ? "__count" : how.fields().get(0).split(":")[0];
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : client.execute(how.model(), "read_group", null, kwargs)) {
            JsonNode value = row.path(key);
            sum = value.isNumber() ? sum.add(new BigDecimal(value.asText())) : sum;
        }
        return sum.setScale(how.fields().isEmpty() ? 0 : 2, RoundingMode.HALF_UP);
    }
}
