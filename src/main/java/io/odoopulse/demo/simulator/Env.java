package io.odoopulse.demo.simulator;

import java.util.List;
import java.util.Map;

/** The caller of one RPC: user and context, as Odoo's env carries them. */
record Env(User user, Map<String, Object> context) {

    Env {
        context = context == null ? Map.of() : context;
    }

    int uid() { return user.uid(); }

    /** The context's tz, else the users' own (every recorded user is on Europe/Brussels). */
    String tz() {
        return context.get("tz") instanceof String tz && !tz.isBlank() ? tz : "Europe/Brussels";
    }

    /** Archived records are hidden unless the context says active_test=false. */
    boolean activeTest() {
        return !Boolean.FALSE.equals(context.get("active_test"));
    }

    /** env.company: the first of allowed_company_ids in the context, else the user's own company. */
    int company() {
        Object v = context.get("allowed_company_ids");
        if (v instanceof List<?> l && !l.isEmpty()) return Domain.ids(l).get(0);
        return user.companyId();
    }

    /** allowed_company_ids from the context, else every company of the user (RPC default, not just the main one). */
    List<Integer> allowedCompanies() {
        Object v = context.get("allowed_company_ids");
        if (v instanceof List<?> l && !l.isEmpty()) return Domain.ids(l);
        return user.companyIds();
    }
}
