package io.odoopulse.odoo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one pull of one tenant's model stands: it travels with the exchange from page to page.
 * Odoo returns write_date at second precision while many records share one second, so the pull reads
 * {@code write_date >= since} (never {@code >}) and leaves exact duplicates to the idempotent consumer.
 */
public final class PullCursor {
    private final String tenant;
    private final String model;
    private final Optional<String> since;
    private final int pageSize;
    private int offset;
    private boolean hasMore = true;
    private String newestWriteDate;
    private long records;

    public PullCursor(String tenant, String model, Optional<String> since, int pageSize) {
        this.tenant = tenant;
        this.model = model;
        this.since = since;
        this.pageSize = pageSize;
    }

    /** The Odoo domain of this pull. */
    public List<List<Object>> domain() {
        return since.<List<List<Object>>>map(s -> List.of(List.of("write_date", ">=", s))).orElse(List.of());
    }

    void advance(List<Map<String, Object>> page) {
        offset += page.size();
        records += page.size();
        hasMore = page.size() == pageSize;
        for (Map<String, Object> record : page) {
            if (record.get("write_date") instanceof String w && (newestWriteDate == null || w.compareTo(newestWriteDate) > 0)) {
                newestWriteDate = w;
            }
        }
    }

    public String tenant() {
        return tenant;
    }

    public String model() {
        return model;
    }

    public int pageSize() {
        return pageSize;
    }

    public int offset() {
        return offset;
    }

    /** Read by the route's loop condition. */
    public boolean isHasMore() {
        return hasMore;
    }

    public Optional<String> newestWriteDate() {
        return Optional.ofNullable(newestWriteDate);
    }

    public long records() {
        return records;
    }

    @Override
    public String toString() {
        return "pull of " + model + " for tenant " + tenant + " since " + since.orElse("the beginning")
                + " at offset " + offset;
    }
}
