package io.odoopulse.routekit;

import java.util.List;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** The example of docs/extending.md, "Test your own route": an integration team's route, tested in seconds. */
class OwnRouteExampleTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of("src/test/resources/routekit/to-warehouse.camel.yaml");
    }

    @Test
    void onlyTheShopsSnapshotsAreExported() throws Exception {
        MockEndpoint exports = replace("shop-snapshots-to-warehouse", "file:*");
        exports.expectedBodiesReceived("{\"tenant\":\"shop\"}");
        replaceFrom("shop-snapshots-to-warehouse", "direct:snapshot");
        start();

        template.sendBodyAndHeader("direct:snapshot", "{\"tenant\":\"shop\"}", "pulseTenant", "shop");
        template.sendBodyAndHeader("direct:snapshot", "{\"tenant\":\"other\"}", "pulseTenant", "other");

        exports.assertIsSatisfied();
    }
}
