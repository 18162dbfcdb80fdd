package io.odoopulse.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.notice.Notice;
import io.odoopulse.notice.NoticeStore;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' list of notices (what is at risk, open or resolved); confirming one is an audited action. */
@RestController
@RequestMapping("/api/notices")
public class NoticeApi {

    private final NoticeStore store;
    private final AuditTrail audit;

    public NoticeApi(NoticeStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    @GetMapping
    public List<Notice> list(@RequestParam Optional<Notice.Status> status, @RequestParam Optional<String> tenant) {
        return store.list(status, tenant);
    }

    /** Confirms an open notice (e.g. a withheld deletion drop, applied at the next reconciliation). */
    @PostMapping("/{id}/confirm")
    public ResponseEntity<Notice> confirm(Authentication who, @PathVariable long id,
            @RequestParam(required = false) String reason, @RequestBody(required = false) Map<String, String> body) {
        String why = reason != null ? reason : body != null ? body.get("reason") : null;
        Optional<Notice> confirmed = store.confirm(id);
        boolean done = confirmed.filter(n -> n.status() == Notice.Status.OPEN && n.confirmedAt() != null).isPresent();
        audit.record(who.getName(), "confirm-notice", confirmed.map(Notice::tenant).orElse(null), "notice " + id,
                null, why == null || why.isBlank() ? null : why.trim(),
                confirmed.isEmpty() ? "no such notice" : done ? "confirmed" : "not open");
        return confirmed.map(notice -> ResponseEntity.status(done ? HttpStatus.OK : HttpStatus.CONFLICT).body(notice))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
