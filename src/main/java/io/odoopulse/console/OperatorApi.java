package io.odoopulse.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.deadletter.DeadLetter;
import io.odoopulse.deadletter.DeadLetterSearch;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The operator API (docs/operators.md): dead letters by filter and page, one at a time or in bulk; tenants' status,
 * pause, resume and pull now; the audit trail. Every action is recorded in the audit trail.
 */
@RestController
@RequestMapping("/api")
public class OperatorApi {

    private final DeadLetterSearch search;
    private final OperatorActions actions;
    private final TenantStatus status;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public OperatorApi(DeadLetterSearch search, OperatorActions actions, TenantStatus status, AuditTrail audit,
                       ObjectMapper json) {
        this.search = search;
        this.actions = actions;
        this.status = status;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Newest first, {@code limit} at a time (100 unless set, at most 1000); the body is the page, the total is in
     * {@code X-Total-Count} ("1000+" past 1,000) and the next page's address in {@code Link: <...>; rel="next"}.
     */
    @GetMapping("/dead-letters")
    public ResponseEntity<List<DeadLetter>> deadLetters(Authentication who,
            @RequestParam(required = false) String tenant, @RequestParam(required = false) DeadLetter.Status status,
            @RequestParam(required = false) String stage, @RequestParam(required = false) String cause,
            @RequestParam(required = false) String minAge, @RequestParam(required = false) String maxAge,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
        TenantScope scope = TenantScope.of(who);
        DeadLetterSearch.Filter filter = new DeadLetterSearch.Filter(scope.tenants(), blank(tenant), status,
                blank(stage), blank(cause), duration("minAge", minAge), duration("maxAge", maxAge));
        DeadLetterSearch.Page page = search.page(filter, before, limit);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", page.totalText());
        if (page.nextBefore() != null) {
            answer.header(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("before", page.nextBefore()).toUriString() + ">; rel=\"next\"");
        }
        boolean unmasked = TenantScope.mayAct(who);
        return answer.body(page.items().stream().map(letter -> unmasked ? letter : masked(letter)).toList());
    }

    @GetMapping("/dead-letters/{id}")
    public ResponseEntity<DeadLetter> deadLetter(Authentication who, @PathVariable long id) {
        return ResponseEntity.of(actions.visible(who, id).map(letter -> TenantScope.mayAct(who) ? letter
                : masked(letter)));
    }

    @PostMapping("/dead-letters/{id:\\d+}/{action:replay|discard}")
    public ResponseEntity<Map<String, Object>> act(Authentication who, @PathVariable long id,
            @PathVariable String action, @RequestParam(required = false) String reason,
            @RequestBody(required = false) Map<String, String> body) {
        String why = reason(reason, body);
        return answer(action.equals("replay") ? actions.replay(who, id, why) : actions.discard(who, id, why));
    }

    /** Replays or discards every open entry the filter selects; {@code reason} required. */
    @PostMapping("/dead-letters/{action:replay|discard}")
    public ResponseEntity<Map<String, Object>> bulk(Authentication who, @PathVariable String action,
            @RequestParam(required = false) String tenant, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String cause, @RequestParam(required = false) String minAge,
            @RequestParam(required = false) String maxAge, @RequestParam(required = false) String reason,
            @RequestBody(required = false) Map<String, String> body) {
        return answer(actions.bulk(who, action.equals("replay"), new DeadLetterSearch.Filter(null, blank(tenant),
                null, blank(stage), blank(cause), duration("minAge", minAge), duration("maxAge", maxAge)),
                reason(reason, body)));
    }

    @GetMapping("/tenants")
    public List<TenantStatus.Row> tenants(Authentication who) {
        return status.rows(TenantScope.of(who));
    }

    @PostMapping("/tenants/{tenant}/{action:pause|resume|pull-now}")
    public ResponseEntity<Map<String, Object>> control(Authentication who, @PathVariable String tenant,
            @PathVariable String action, @RequestParam(required = false) String reason,
            @RequestBody(required = false) Map<String, String> body) {
        String why = reason(reason, body);
        return answer(switch (action) {
            case "pause" -> actions.pause(who, tenant, why);
            case "resume" -> actions.resume(who, tenant, why);
            default -> actions.pullNow(who, tenant, why);
        });
    }

    @GetMapping("/audit")
    public List<AuditTrail.Entry> audit(Authentication who, @RequestParam(required = false) String tenant,
                                        @RequestParam(defaultValue = "100") int limit) {
        return audit.list(TenantScope.of(who), blank(tenant), limit);
    }

    private DeadLetter masked(DeadLetter l) {
        return new DeadLetter(l.id(), l.tenant(), l.model(), l.recordId(), l.routeId(),
                PersonalFields.mask(l.payload(), json), l.causeType(), l.causeMessage(), l.failedAt(), l.status(),
                l.attempts(), l.resolvedAt());
    }

    static ResponseEntity<Map<String, Object>> answer(OperatorActions.Result result) {
        HttpStatus status = switch (result.verdict()) {
            case DONE -> HttpStatus.OK;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
        };
        Map<String, Object> body = new java.util.LinkedHashMap<>(result.details());
        body.putIfAbsent("result", result.message());
        return ResponseEntity.status(status).body(body);
    }

    private static String reason(String param, Map<String, String> body) {
        return param != null ? param : body == null ? null : body.get("reason");
    }

    static String blank(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** 90s, 15m, 2h, 7d or ISO-8601 (PT2H). */
    static Duration duration(String name, String text) {
        if (blank(text) == null) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + ": '" + text
                    + "' is no duration (e.g. 15m, 2h, 7d)");
        }
    }
}
