package io.odoopulse.notice;

import java.util.List;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
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
}
