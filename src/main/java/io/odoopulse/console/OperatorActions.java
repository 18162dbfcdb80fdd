package io.odoopulse.console;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.odoopulse.deadletter.DeadLetter;
import io.odoopulse.deadletter.DeadLetterReplay;
import io.odoopulse.deadletter.DeadLetterSearch;
import io.odoopulse.tenant.TenantRegistry;
import org.springframework.security.core.Authentication;

/**
 * Every operator action, from the API and the console alike: checked against the caller's tenants, carried out,
 * and recorded in the audit trail with its outcome (a refused or failed action too).
 */
public class OperatorActions {

    /** What became of an action: the HTTP-ish verdict and what to tell the operator. */
    public record Result(Verdict verdict, String message, Map<String, Object> details) {
        public Result(Verdict verdict, String message) {
            this(verdict, message, Map.of());
        }
    }

    public enum Verdict { DONE, NOT_FOUND, FORBIDDEN, CONFLICT, UNPROCESSABLE, BAD_REQUEST }

    private final DeadLetterReplay deadLetters;
    private final DeadLetterSearch search;
    private final TenantControl tenantControl;
    private final TenantRegistry tenants;
    private final AuditTrail audit;

    public OperatorActions(DeadLetterReplay deadLetters, DeadLetterSearch search, TenantControl tenantControl,
                           TenantRegistry tenants, AuditTrail audit) {
        this.deadLetters = deadLetters;
        this.search = search;
        this.tenantControl = tenantControl;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** One entry the caller may see (a partner's own tenants only), or empty. */
    public Optional<DeadLetter> visible(Authentication who, long id) {
        return deadLetters.find(id).filter(letter -> TenantScope.of(who).permits(letter.tenant()));
    }

    public Result replay(Authentication who, long id, String reason) {
        return single(who, "replay", id, reason, true);
    }

    public Result discard(Authentication who, long id, String reason) {
        return single(who, "discard", id, reason, false);
    }

    private Result single(Authentication who, String action, long id, String reason, boolean replay) {
        Optional<DeadLetter> letter = visible(who, id);
        if (letter.isEmpty()) {
            // A partner learns nothing of other tenants' entries, not even that they exist.
            return new Result(Verdict.NOT_FOUND, "no dead letter " + id);
        }
        DeadLetterReplay.Outcome outcome = replay ? deadLetters.replay(letter.get())
                : deadLetters.discard(letter.get());
        audit.record(who.getName(), action, letter.get().tenant(), null, List.of(id), blankToNull(reason),
                outcome.result() + ": " + outcome.message());
        Verdict verdict = switch (outcome.result()) {
            case REPLAYED, DISCARDED -> Verdict.DONE;
            case NOT_FOUND -> Verdict.NOT_FOUND;
            case NOT_OPEN -> Verdict.CONFLICT;
            case FAILED_AGAIN, NOT_REPLAYABLE -> Verdict.UNPROCESSABLE;
        };
        return new Result(verdict, outcome.message(), Map.of("id", id, "result", outcome.message()));
    }

    /**
     * Replays or discards every open entry the filter selects (at most {@link DeadLetterSearch#MAX_LIMIT} per call,
     * newest first; the answer says how many remain), as one audit entry listing them and the outcome counts.
     */
    public Result bulk(Authentication who, boolean replay, DeadLetterSearch.Filter requested, String reason) {
        String action = replay ? "bulk-replay" : "bulk-discard";
        if (reason == null || reason.isBlank()) {
            return new Result(Verdict.BAD_REQUEST, "a reason is required for a bulk " + (replay ? "replay" : "discard"));
        }
        TenantScope scope = TenantScope.of(who);
        if (requested.tenant() != null && !scope.permits(requested.tenant())) {
            return new Result(Verdict.FORBIDDEN, "tenant " + requested.tenant() + " is not yours");
        }
        DeadLetterSearch.Filter filter = new DeadLetterSearch.Filter(scope.tenants(), requested.tenant(),
                DeadLetter.Status.OPEN, requested.stage(), requested.cause(), requested.minAge(), requested.maxAge());
        List<Long> ids = search.ids(filter, DeadLetterSearch.MAX_LIMIT);
        Map<DeadLetterReplay.Result, Integer> counts = new EnumMap<>(DeadLetterReplay.Result.class);
        List<Long> touched = new ArrayList<>();
        for (long id : ids) {
            Optional<DeadLetter> letter = deadLetters.find(id);
            DeadLetterReplay.Result result = letter.isEmpty() ? DeadLetterReplay.Result.NOT_FOUND
                    : (replay ? deadLetters.replay(letter.get()) : deadLetters.discard(letter.get())).result();
            counts.merge(result, 1, Integer::sum);
            touched.add(id);
        }
        String remaining = search.page(filter, null, 1).totalText();
        Map<String, Object> details = new TreeMap<>();
        counts.forEach((result, count) -> details.put(result.name().toLowerCase(), count));
        details.put("selected", ids.size());
        details.put("remainingOpen", remaining);
        String outcome = details.toString();
        audit.record(who.getName(), action, requested.tenant(), filter.describe(), touched, reason, outcome);
        return new Result(Verdict.DONE, outcome, details);
    }

    public Result pause(Authentication who, String tenant, String reason) {
        return onTenant(who, "pause", tenant, reason, () -> tenantControl.pause(tenant, who.getName(),
                blankToNull(reason)) ? "paused" : null, "already paused");
    }

    public Result resume(Authentication who, String tenant, String reason) {
        return onTenant(who, "resume", tenant, reason, () -> tenantControl.resume(tenant) ? "resumed" : null,
                "not paused");
    }

    public Result pullNow(Authentication who, String tenant, String reason) {
        return onTenant(who, "pull-now", tenant, reason, () -> {
            tenantControl.pullNow(tenant);
            return "tick triggered";
        }, null);
    }

    private Result onTenant(Authentication who, String action, String tenant, String reason,
                            java.util.function.Supplier<String> act, String conflict) {
        if (!tenants.contains(tenant) || !TenantScope.of(who).permits(tenant)) {
            return new Result(Verdict.NOT_FOUND, "no tenant " + tenant);
        }
        String done;
        try {
            done = act.get();
        } catch (IllegalStateException e) {
            audit.record(who.getName(), action, tenant, null, null, blankToNull(reason), "FAILED: " + e.getMessage());
            return new Result(Verdict.CONFLICT, e.getMessage());
        }
        audit.record(who.getName(), action, tenant, null, null, blankToNull(reason), done == null ? conflict : done);
        return done == null ? new Result(Verdict.CONFLICT, conflict) : new Result(Verdict.DONE, done,
                Map.of("tenant", tenant, "result", done));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
