package io.odoopulse.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.deadletter.DeadLetter;
import io.odoopulse.deadletter.DeadLetterSearch;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console (server-rendered, templates/console*.html): tenants at a glance, dead letters by filter and page,
 * one entry's payload and cause, the audit trail; operators also act from it, always with the same
 * {@link OperatorActions} as the API.
 */
@Controller
@RequestMapping("/console")
public class ConsolePage {

    private static final int PAGE = 50;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final DeadLetterSearch search;
    private final OperatorActions actions;
    private final TenantStatus status;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public ConsolePage(DeadLetterSearch search, OperatorActions actions, TenantStatus status, AuditTrail audit,
                       ObjectMapper json) {
        this.search = search;
        this.actions = actions;
        this.status = status;
        this.audit = audit;
        this.json = json;
    }

    /** Times on the page are UTC, said so; durations as 1h 02m 03s. */
    public static final class Format {
        public String time(Instant instant) {
            return instant == null ? "never" : UTC.format(instant);
        }

        public String duration(Duration duration) {
            if (duration == null) {
                return "n/a";
            }
            long s = duration.getSeconds();
            return s >= 3600 ? "%dh %02dm".formatted(s / 3600, s % 3600 / 60)
                    : s >= 60 ? "%dm %02ds".formatted(s / 60, s % 60) : s + "s";
        }
    }

    @GetMapping
    public String home(Authentication who, @RequestParam Map<String, String> params, Model model) {
        TenantScope scope = TenantScope.of(who);
        Map<String, String> filter = filterOf(params);
        String statusText = filter.get("status");
        DeadLetterSearch.Filter query = new DeadLetterSearch.Filter(scope.tenants(), filter.get("tenant"),
                statusText == null ? null : DeadLetter.Status.valueOf(statusText), filter.get("stage"),
                filter.get("cause"), OperatorApi.duration("minAge", filter.get("minAge")),
                OperatorApi.duration("maxAge", filter.get("maxAge")));
        Long before = params.containsKey("before") && !params.get("before").isBlank()
                ? Long.valueOf(params.get("before")) : null;
        DeadLetterSearch.Page page = search.page(query, before, PAGE);
        model.addAttribute("who", who.getName());
        model.addAttribute("mayAct", TenantScope.mayAct(who));
        model.addAttribute("tenants", status.rows(scope));
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", DeadLetter.Status.values());
        model.addAttribute("stages", search.stages());
        model.addAttribute("page", page);
        model.addAttribute("nextPage", page.nextBefore() == null ? null : link(filter, page.nextBefore()));
        model.addAttribute("audit", audit.list(scope, null, 20));
        model.addAttribute("fmt", new Format());
        return "console";
    }

    @GetMapping("/dead-letters/{id}")
    public String entry(Authentication who, @PathVariable long id, Model model) {
        DeadLetter letter = actions.visible(who, id).orElseThrow(() -> new org.springframework.web.server
                .ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "no dead letter " + id));
        boolean mayAct = TenantScope.mayAct(who);
        model.addAttribute("who", who.getName());
        model.addAttribute("mayAct", mayAct);
        model.addAttribute("letter", letter);
        model.addAttribute("payload", mayAct ? pretty(letter.payload()) : pretty(PersonalFields.mask(letter.payload(),
                json)));
        model.addAttribute("fmt", new Format());
        return "console-entry";
    }

    @PostMapping("/dead-letters/{id}/replay")
    public String replay(Authentication who, @PathVariable long id, @RequestParam(required = false) String reason,
                         RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", "Replay of " + id + ": " + actions.replay(who, id, reason).message());
        return "redirect:/console/dead-letters/" + id;
    }

    @PostMapping("/dead-letters/{id}/discard")
    public String discard(Authentication who, @PathVariable long id, @RequestParam(required = false) String reason,
                          RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", "Discard of " + id + ": " + actions.discard(who, id, reason).message());
        return "redirect:/console/dead-letters/" + id;
    }

    /** Replay or discard of every open entry the list's filter selects. */
    @PostMapping("/dead-letters/bulk")
    public String bulk(Authentication who, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        Map<String, String> filter = filterOf(params);
        boolean replay = "replay".equals(params.get("action"));
        OperatorActions.Result result = actions.bulk(who, replay, new DeadLetterSearch.Filter(null,
                filter.get("tenant"), null, filter.get("stage"), filter.get("cause"),
                OperatorApi.duration("minAge", filter.get("minAge")), OperatorApi.duration("maxAge",
                        filter.get("maxAge"))), params.get("reason"));
        redirect.addFlashAttribute("message", (replay ? "Bulk replay: " : "Bulk discard: ") + result.message());
        return "redirect:" + link(filter, null);
    }

    @PostMapping("/tenants/{tenant}/{action}")
    public String tenant(Authentication who, @PathVariable String tenant, @PathVariable String action,
                         @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        OperatorActions.Result result = switch (action) {
            case "pause" -> actions.pause(who, tenant, reason);
            case "resume" -> actions.resume(who, tenant, reason);
            case "pull-now" -> actions.pullNow(who, tenant, reason);
            default -> new OperatorActions.Result(OperatorActions.Verdict.NOT_FOUND, "no action " + action);
        };
        redirect.addFlashAttribute("message", "Tenant " + tenant + ", " + action + ": " + result.message());
        return "redirect:/console";
    }

    private static Map<String, String> filterOf(Map<String, String> params) {
        Map<String, String> filter = new LinkedHashMap<>();
        for (String key : new String[] {"tenant", "status", "stage", "cause", "minAge", "maxAge"}) {
            String value = OperatorApi.blank(params.get(key));
            if (value != null) {
                filter.put(key, value);
            }
        }
        return filter;
    }

    private static String link(Map<String, String> filter, Long before) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/console");
        filter.forEach(uri::queryParam);
        if (before != null) {
            uri.queryParam("before", before);
        }
        return uri.encode().toUriString();
    }

    private String pretty(String payload) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(payload));
        } catch (Exception notJson) {
            return payload;
        }
    }
}
