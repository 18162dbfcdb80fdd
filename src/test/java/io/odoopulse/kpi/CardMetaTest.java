package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;

/** Every pushed card carries the Nerve Centre's card metadata, with the tenant's own band and alert trigger. */
class CardMetaTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T10:30:00Z");

    private final KpiSnapshot snapshot = snapshot();

    private static KpiSnapshot snapshot() {
        org.springframework.jdbc.core.JdbcTemplate jdbc = TestDatabase.freshH2();
        Instant at = AS_OF.minusSeconds(86_400 * 3);
        new io.odoopulse.canonical.CanonicalStore(jdbc).upsert(new io.odoopulse.canonical.Order("shop", "odoo",
                "sale.order", 1, "17.0", "S1", io.odoopulse.canonical.OrderStatus.CONFIRMED, at, "USD", 1L, "Co", 7L,
                new BigDecimal("50.00"), BigDecimal.ZERO, new BigDecimal("50.00"), at));
        return new KpiAggregator(jdbc, TestTenants.with("shop", null, ZoneId.of("UTC"), new KpiSettings(
                Optional.empty(), BigDecimal.ONE, 90, 90, Map.of("revenue", new KpiSettings.Threshold(BigDecimal.TEN,
                BigDecimal.valueOf(-20), BigDecimal.valueOf(25), null)))), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).snapshot("shop");
    }

    @Test
    void aHeroCardCarriesItsCategoryFormatRolesTenantBandAndTrigger() throws Exception {
        KpiCard revenue = TruthChecks.card(snapshot, "revenue-total", "30d", "USD");
        CardMeta meta = revenue.meta();

        assertThat(meta.category()).isEqualTo("sales");
        assertThat(meta.format()).isEqualTo("currency");
        assertThat(meta.tier()).isEqualTo("hero");
        assertThat(meta.crossChannel()).isFalse();
        assertThat(meta.roles()).contains("owner");
        assertThat(meta.dataType()).as("converted with Odoo's rates").isEqualTo("API-derived");
        assertThat(meta.sentimentKey()).isEqualTo("higher-is-better");
        assertThat(meta.alertTrigger()).isEqualTo("drop >15% vsP");
        JsonNode json = new ObjectMapper().findAndRegisterModules().valueToTree(revenue);
        assertThat(json.path("windowCode").asText()).isEqualTo("30D");
        assertThat(json.path("meta").path("band").path("on").asText()).isEqualTo("trend");
    }

    @Test
    void theTenantsLevelsAndTriggerReplaceTheDefaults() {
        List<KpiCard> revenue = snapshot.cards().stream().filter(c -> c.id().equals("revenue")).toList();

        assertThat(revenue).extracting(KpiCard::windowCode).containsExactly("7D", "30D", "90D", "T", "24H");
        CardMeta meta = revenue.get(0).meta();
        assertThat(meta.band().good()).isEqualByComparingTo("10");
        assertThat(meta.band().bad()).isEqualByComparingTo("-20");
        assertThat(meta.alertTrigger()).isEqualTo("drop >25% vsP");
        assertThat(meta.dataType()).as("one read_group answers it").isEqualTo("Native");
    }

    @Test
    void aRateIsAPercentDerivedFromCountsAndAlertsWhenItRises() {
        CardMeta meta = TruthChecks.card(snapshot, "cancellation-rate", "7d", null).meta();

        assertThat(meta.format()).isEqualTo("percent");
        assertThat(meta.dataType()).isEqualTo("Derived");
        assertThat(meta.sentimentKey()).isEqualTo("lower-is-better");
        assertThat(meta.alertTrigger()).isEqualTo("rise >15% vsP");
    }
}
