package io.odoopulse.routekit;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.util.function.ThrowingConsumer;

/**
 * Route tests in seconds: the route files under test ({@code routes/*.camel.yaml}, or a bundle's own) loaded as
 * they ship into a plain CamelContext, without Spring, a database or an Odoo. The beans a route calls by name are
 * small stand-ins the test binds ({@link #bind}); the endpoints it sends to are replaced by mocks
 * ({@link #replace}); then {@link #start()}. {@code routes/dead-letter.camel.yaml} is always loaded, so a failure
 * takes the real error handling; what reaches the dead-letter channel lands in {@link #deadLetters()} unless
 * {@link #keepDeadLetterRoute()} says otherwise.
 * <p>
 * Copy this class next to your own route tests (it needs camel-test-junit5 and camel-yaml-dsl on the test
 * classpath); README, "Test your own route".
 */
public abstract class RouteTestKit extends CamelTestSupport {

    /** The one dead-letter channel every route names (routeConfigurationId: pulse-dead-letter). */
    public static final String DEAD_LETTER_FILE = "routes/dead-letter.camel.yaml";

    /** The route files under test, relative to the project directory, e.g. {@code routes/kpi-push.camel.yaml}. */
    protected abstract List<String> routeFiles();

    /** Whether the dead-letter route runs as shipped (true) or is cut short into {@link #deadLetters()}. */
    protected boolean keepDeadLetterRoute() {
        return false;
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        // Routes are advised before the context starts.
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        List<String> files = new ArrayList<>(routeFiles());
        if (!files.contains(DEAD_LETTER_FILE)) {
            files.add(DEAD_LETTER_FILE);
        }
        Observers observers = new Observers();
        Observers.NAMES.forEach(name -> context.getRegistry().bind(name, observers));
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        List<RoutesBuilder> builders = new ArrayList<>();
        for (String file : files) {
            builders.addAll(loader.findRoutesBuilders(ResourceHelper.resolveMandatoryResource(context, "file:" + file)));
        }
        return builders.toArray(RoutesBuilder[]::new);
    }

    /** A stand-in for a bean the routes call by name ({@code bean: {ref: name, method: ...}}). */
    protected void bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }

    /** A property the routes read ({@code {{name}}} or {@code ${properties:name}}). */
    protected void property(String name, String value) {
        context.getPropertiesComponent().addOverrideProperty(name, value);
    }

    /** Changes a route before the context starts (AdviceWith). */
    protected void advise(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice)
            throws Exception {
        AdviceWith.adviceWith(context, routeId, advice);
    }

    /**
     * Every message the route sends to {@code uri} (a pattern such as {@code direct:canonical-page}) goes to the
     * returned mock instead.
     */
    protected MockEndpoint replace(String routeId, String uri) throws Exception {
        String mock = "mock:" + uri.replaceAll("[^A-Za-z0-9.-]+", "-");
        advise(routeId, route -> route.interceptSendToEndpoint(uri).skipSendToOriginalEndpoint().to(mock));
        return getMockEndpoint(mock);
    }

    /** The route starts from {@code uri} instead (e.g. a timer or Quartz trigger replaced by a direct endpoint). */
    protected void replaceFrom(String routeId, String uri) throws Exception {
        advise(routeId, route -> route.replaceFromWith(uri));
    }

    /** What reached the dead-letter channel, each with its cause in the exchange property CamelExceptionCaught. */
    protected MockEndpoint deadLetters() {
        return getMockEndpoint("mock:dead-letter");
    }

    /** Starts the context once the test has bound its beans and advised its routes. */
    protected void start() throws Exception {
        if (!keepDeadLetterRoute()) {
            // Its error handling (the routeConfiguration) stays as shipped; only where it stores is cut short.
            context.removeRouteDefinition(context.getRouteDefinition("dead-letter"));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:dead-letter").routeId("dead-letter").to("mock:dead-letter");
                }
            });
        }
        context.start();
    }
}
