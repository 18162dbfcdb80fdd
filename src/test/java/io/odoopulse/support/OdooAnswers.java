package io.odoopulse.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.kpi.OdooQuery;
import io.odoopulse.odoo.OdooClient;

/** Odoo's own answer to a card's {@code how}, asked as it stands: the count, or the read_group rows' sum. */
public final class OdooAnswers {

    private OdooAnswers() {
    }

    /** The count, or the sum over the read_group's rows of its one aggregate, to the cent. */
    public static BigDecimal answer(OdooClient client, OdooQuery how) {
        if ("search_count".equals(how.method())) {
            return BigDecimal.valueOf(client.searchCount(how.model(), how.domain(), how.context()));
        }
        if (!"read_group".equals(how.method()) || how.fields().size() > 1) {
            throw new IllegalArgumentException("not a direct how: " + how);
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("domain", how.domain());
        kwargs.put("fields", how.fields());
        kwargs.put("groupby", how.groupby());
        kwargs.putAll(how.kwargs());
        kwargs.put("context", how.context());
        String key = how.fields().isEmpty() ? "__count" : how.fields().get(0).split(":")[0];
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : client.execute(how.model(), "read_group", null, kwargs)) {
            sum = sum.add(new BigDecimal(row.path(key).asText("0")));
        }
        return sum.setScale(how.fields().isEmpty() ? 0 : 2, RoundingMode.HALF_UP);
    }
}
