package io.odoopulse.odoo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code common.version} says about a server: e.g. {@code 17.0}, {@code saas~17.4} or {@code 18.0-20250702};
 * {@code server_version_info[5]} is {@code "e"} on Enterprise and empty on Community.
 */
public record ServerVersion(String serverVersion, int major, String edition) {

    public static ServerVersion of(JsonNode version) {
        String text = version.path("server_version").asText();
        JsonNode info = version.path("server_version_info");
        int major = info.path(0).canConvertToInt() ? info.path(0).asInt() : parseMajor(text);
        String edition = "e".equals(info.path(5).asText()) ? "Enterprise" : "Community";
        return new ServerVersion(text, major, edition);
    }

    private static int parseMajor(String text) {
        String digits = text.replaceFirst("^saas~", "");
        int dot = digits.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
        } catch (NumberFormatException e) {
            throw new OdooException("pulse.UnknownVersion", "cannot read an Odoo version from '" + text + "'");
        }
    }
}
