package io.odoopulse.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints where the built-in Nerve Centre page is, once the web server knows its port. */
@Component
@ConditionalOnProperty(prefix = "pulse.demo.nerve-centre", name = "enabled", havingValue = "true", matchIfMissing = true)
class PageAddressLogger implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PageAddressLogger.class);

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        LOG.info("Nerve Centre (built-in) page: http://127.0.0.1:{}/  (cards appear after the first pull)",
                event.getWebServer().getPort());
    }
}
