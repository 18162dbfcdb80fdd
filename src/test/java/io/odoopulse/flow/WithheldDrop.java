package io.odoopulse.flow;

import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.notice.Notice;
import io.odoopulse.notice.NoticeStore;
import org.springframework.jdbc.core.JdbcTemplate;

/** How a withheld deletion drop of the demo tenant's sale orders shows to operators: notice, gauge, live rows. */
final class WithheldDrop {

    static final String KIND = "reconcile-drop-withheld";

    private WithheldDrop() {
    }

    static Optional<Notice> openNotice(NoticeStore notices) {
        return notices.list(Optional.of(Notice.Status.OPEN), Optional.of("demo")).stream()
                .filter(n -> KIND.equals(n.kind()) && "sale.order".equals(n.model())).findFirst();
    }

    static double gauge(MeterRegistry meters) {
        return meters.get("pulse.reconcile.withheld").tags("tenant", "demo", "model", "sale.order").gauge().value();
    }

    /** How many of these sale orders the store holds live. */
    static int live(JdbcTemplate jdbc, List<Integer> ids) {
        return ids.stream().mapToInt(id -> jdbc.queryForObject("SELECT COUNT(*) FROM canonical_order WHERE tenant = "
                + "'demo' AND source_id = ? AND deleted_at IS NULL", Integer.class, id)).sum();
    }
}
