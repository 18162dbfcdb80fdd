package io.odoopulse.odoo;

/** Odoo said the session or credentials expired mid-way ("Session Expired", code 100): log in again once. */
public class OdooSessionExpiredException extends OdooException {
    public OdooSessionExpiredException(String message) {
        super("odoo.http.SessionExpiredException", message);
    }
}
