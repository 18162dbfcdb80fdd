package io.odoopulse.signals;

import io.odoopulse.kpi.KpiSnapshot;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.mdc.MDCService;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Every log line of a tick, from its pull to its push, carries {@code tenant} and {@code correlationId} (the tick's
 * {@code tenant@scheduledAt}, which is also its push's Idempotency-Key): the tick's first step sets them as exchange
 * properties, which the split's per-model exchanges inherit, and camel-mdc puts them in the MDC around every step on
 * whichever thread runs it. Shown as fields by the JSON logs ({@code logging.structured.format.console}).
 */
public class LogCorrelation implements CamelContextConfiguration {

    public static final String TENANT = "tenant";
    public static final String CORRELATION_ID = "correlationId";

    /** Called by the tick route once the tick is claimed. */
    public void mark(Exchange exchange) {
        String tenant = exchange.getMessage().getHeader("pulseTenant", String.class);
        KpiSnapshot.Tick tick = exchange.getProperty("pulseTick", KpiSnapshot.Tick.class);
        exchange.setProperty(TENANT, tenant);
        if (tick != null) {
            exchange.setProperty(CORRELATION_ID, tick.idempotencyKey(tenant));
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        MDCService mdc = new MDCService();
        mdc.setCustomProperties(TENANT + "," + CORRELATION_ID);
        mdc.init(camelContext);
        try {
            camelContext.addService(mdc);
        } catch (Exception e) {
            throw new IllegalStateException("camel-mdc could not be started", e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }
}
