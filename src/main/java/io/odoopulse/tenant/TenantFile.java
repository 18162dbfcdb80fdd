package io.odoopulse.tenant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The form a partner fills in for one client: the raw shape of {@code config/tenants/<id>.yaml}.
 * Unknown keys are rejected so a typo is reported instead of silently ignored.
 * {@code mapping-overrides} names a file relative to the bundle, kept in a sub-directory (e.g. mappings/acme.yaml)
 * because every *.yaml directly in the tenants directory is read as a bundle.
 */
record TenantFile(
        String id,
        String name,
        Boolean enabled,
        Odoo odoo,
        Schedule schedule,
        Pull pull,
        Kpi kpi,
        @JsonProperty("mapping-overrides") String mappingOverrides) {

    record Odoo(
            String url,
            String database,
            String login,
            String password,
            @JsonProperty("password-file") String passwordFile,
            String transport) {}

    record Schedule(String cron) {}

    record Pull(
            @JsonProperty("page-size") Integer pageSize,
            List<String> models,
            @JsonProperty("max-concurrent-calls") Integer maxConcurrentCalls,
            @JsonProperty("overlap-seconds") Integer overlapSeconds,
            @JsonProperty("reconcile-every") Integer reconcileEvery) {}

    record Kpi(
            String timezone,
            @JsonProperty("as-of") String asOf,
            @JsonProperty("reporting-currency") String reportingCurrency,
            @JsonProperty("low-stock-threshold") java.math.BigDecimal lowStockThreshold,
            @JsonProperty("slow-mover-days") Integer slowMoverDays,
            @JsonProperty("churn-days") Integer churnDays,
            java.util.Map<String, Threshold> sentiment) {}

    record Threshold(java.math.BigDecimal positive, java.math.BigDecimal negative) {}
}
