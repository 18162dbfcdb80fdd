package io.odoopulse.demo.simulator;

/** Placeholder until this transport is implemented: answers 404 like an Odoo without the route. */
final class XmlRpcTransport {

    private final OdooService service;

    XmlRpcTransport(OdooService service) {
        this.service = service;
    }

    HttpFront.Response handle(HttpFront.Request req) {
        return HttpFront.notFound();
    }
}
