package io.odoopulse.notice;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' list of notices: what is at risk, open or resolved. */
@RestController
@RequestMapping("/api/notices")
public class NoticeController {

    private final NoticeStore store;

    public NoticeController(NoticeStore store) {
        this.store = store;
    }

    @GetMapping
    public List<Notice> list(@RequestParam Optional<Notice.Status> status, @RequestParam Optional<String> tenant) {
        return store.list(status, tenant);
    }

    /** Confirms an open notice (e.g. a withheld deletion drop, applied at the next reconciliation). */
    @PostMapping("/{id}/confirm")
    public ResponseEntity<Notice> confirm(@PathVariable long id) {
        return store.confirm(id).map(notice -> ResponseEntity.status(
                        notice.status() == Notice.Status.OPEN && notice.confirmedAt() != null
                                ? HttpStatus.OK : HttpStatus.CONFLICT).body(notice))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
