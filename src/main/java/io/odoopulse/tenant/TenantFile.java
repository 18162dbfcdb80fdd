package io.odoopulse.tenant;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import org.springframework.util.unit.DataSize;

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
        @JsonProperty("mapping-overrides") String mappingOverrides,
        @JsonProperty("nerve-centre") NerveCentre nerveCentre) {

    /** How this tenant's pushes are signed (docs/push-contract.md). */
    record NerveCentre(@JsonProperty("signing-secret") String signingSecret) {}

    record Odoo(
            String url,
            String database,
            String login,
            String password,
            @JsonProperty("password-file") String passwordFile,
            String transport,
            @JsonProperty("max-response-size") @JsonDeserialize(using = ResponseSize.class) DataSize maxResponseSize) {}

    record Schedule(String cron) {}

    record Pull(
            @JsonProperty("page-size") Integer pageSize,
            List<String> models,
            @JsonProperty("max-concurrent-calls") Integer maxConcurrentCalls,
            @JsonProperty("overlap-seconds") Integer overlapSeconds,
            @JsonProperty("reconcile-every") Integer reconcileEvery,
            @JsonProperty("reconcile-max-drop-share") Double reconcileMaxDropShare,
            @JsonProperty("reconcile-max-drop-rows") Integer reconcileMaxDropRows,
            @JsonProperty("reconcile-confirm-after") Integer reconcileConfirmAfter,
            @JsonProperty("audit-every") Integer auditEvery) {}

    record Kpi(
            String timezone,
            @JsonProperty("as-of") String asOf,
            @JsonProperty("reporting-currency") String reportingCurrency,
            @JsonProperty("low-stock-threshold") java.math.BigDecimal lowStockThreshold,
            @JsonProperty("slow-mover-days") Integer slowMoverDays,
            @JsonProperty("churn-days") Integer churnDays,
            java.util.Map<String, Threshold> sentiment,
            @JsonProperty("missing-data-after") String missingDataAfter,
            @JsonProperty("uninvoiced-after-days") Integer uninvoicedAfterDays,
            @JsonProperty("closing-cadence-days") Integer closingCadenceDays) {}

    record Threshold(java.math.BigDecimal positive, java.math.BigDecimal negative,
                     @JsonProperty("alert-drop") java.math.BigDecimal alertDrop,
                     @JsonProperty("alert-rise") java.math.BigDecimal alertRise) {}

    /**
     * {@code odoo.max-response-size}: a size such as {@code 64MB} or {@code 512KB}, a bare number being bytes.
     * Checked while the bundle is read so that a wrong value is reported with its line, like an unknown key.
     */
    static final class ResponseSize extends StdDeserializer<DataSize> {

        static final DataSize SMALLEST = DataSize.ofKilobytes(1);
        static final DataSize LARGEST = DataSize.ofGigabytes(1);

        ResponseSize() {
            super(DataSize.class);
        }

        @Override
        public DataSize deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null) {
                throw JsonMappingException.from(parser, "expected a size such as 64MB, not " + parser.currentToken());
            }
            DataSize size;
            try {
                size = DataSize.parse(text.strip());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(parser, "'" + text + "' is not a size such as 64MB or 512KB");
            }
            if (size.compareTo(SMALLEST) < 0 || size.compareTo(LARGEST) > 0) {
                throw JsonMappingException.from(parser, "'" + text + "' is outside 1KB..1GB");
            }
            return size;
        }
    }
}
