package io.odoopulse.canonical;

/** Whether a payment settles customer or vendor documents. */
public enum PartnerRole {
    CUSTOMER, SUPPLIER
}
