package io.odoopulse.demo.simulator;

/** Placeholder until this transport is implemented: answers 404 like an Odoo without the route. */
final class WebTransport {

    private final OdooService service;

    WebTransport(OdooService service, FaultInjector faults) {
        this.service = service;
    }

    HttpFront.Response handle(HttpFront.Request req) {
        return HttpFront.notFound();
    }
}
