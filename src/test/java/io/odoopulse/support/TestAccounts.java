package io.odoopulse.support;

/** The accounts of src/test/resources/config/application.yaml, for tests that call the API or open the console. */
public final class TestAccounts {

    public static final String OPERATOR = "test-operator";
    public static final String OPERATOR_PASSWORD = "test-operator-password";
    public static final String VIEWER = "test-viewer";
    public static final String VIEWER_PASSWORD = "test-viewer-password";
    /** A partner of the tenant {@code demo} only. */
    public static final String PARTNER = "test-partner";
    public static final String PARTNER_PASSWORD = "test-partner-password";
    public static final String PARTNER_TOKEN = "test-partner-token";
    public static final String OPERATOR_TOKEN = "test-operator-token";
    public static final String VIEWER_TOKEN = "test-viewer-token";

    private TestAccounts() {
    }
}
