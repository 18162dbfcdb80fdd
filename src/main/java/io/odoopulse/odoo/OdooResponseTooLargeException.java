package io.odoopulse.odoo;

/**
 * Odoo answered more than the response-size cap allows ({@code odoo.max-response-size} in the bundle, else
 * {@code pulse.odoo.max-response-size}). Permanent: the same call would answer the same bytes again, so it is not
 * retried; fewer records per call, or a higher cap, is the fix.
 */
public class OdooResponseTooLargeException extends OdooException {

    static final String ERROR_NAME = "pulse.ResponseTooLarge";

    private final String request;
    private final long cap;
    private final long seen;
    private final boolean announced;

    /**
     * @param request what was sent, as the transport names it (endpoint, service or model and method)
     * @param seen the bytes read before reading stopped, or the Content-Length the server announced
     * @param announced whether {@code seen} is an announced Content-Length, refused before reading the body
     */
    OdooResponseTooLargeException(String request, long cap, long seen, boolean announced) {
        this(request, request, cap, seen, announced);
    }

    private OdooResponseTooLargeException(String subject, String request, long cap, long seen, boolean announced) {
        super(ERROR_NAME, subject + (announced ? " announced a body of " + seen + " bytes, refused before reading it"
                : " sent more than " + cap + " bytes (stopped reading at " + seen + ")") + "; the cap is " + cap
                + " bytes (odoo.max-response-size in the tenant bundle, else pulse.odoo.max-response-size): read "
                + "fewer records per call (pull.page-size) or raise the cap");
        this.request = request;
        this.cap = cap;
        this.seen = seen;
        this.announced = announced;
    }

    /** The same refusal told from the client's side: the tenant and its call, e.g. {@code sale.order.search_read}. */
    OdooResponseTooLargeException forCall(String tenant, String call) {
        OdooResponseTooLargeException told = new OdooResponseTooLargeException("tenant " + tenant + ": " + call + " ("
                + request + ")", request, cap, seen, announced);
        told.initCause(this);
        return told;
    }

    public long cap() {
        return cap;
    }

    /** Bytes read before reading stopped, or the Content-Length the server announced. */
    public long seen() {
        return seen;
    }
}
