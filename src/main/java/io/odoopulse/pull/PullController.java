package io.odoopulse.pull;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator console's view of pulls: progress of each tenant's model, full loads included. */
@RestController
public class PullController {

    private final PullProgress progress;

    public PullController(PullProgress progress) {
        this.progress = progress;
    }

    @GetMapping("/api/pulls")
    public List<PullProgress.Snapshot> pulls() {
        return progress.all();
    }
}
