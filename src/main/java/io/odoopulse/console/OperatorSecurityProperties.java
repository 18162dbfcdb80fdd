package io.odoopulse.console;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the console and the operator API ({@code pulse.security.*}, docs/operators.md). Also from the
 * environment, e.g. {@code PULSE_SECURITY_USERS_0_NAME}, {@code PULSE_SECURITY_USERS_0_PASSWORD},
 * {@code PULSE_SECURITY_USERS_0_ROLES}, {@code PULSE_SECURITY_TOKENS_0_TOKEN}.
 *
 * @param users  people, who log in to the console (login form) or call the API with HTTP basic
 * @param tokens automation, which calls the API with {@code Authorization: Bearer <token>}
 */
@ConfigurationProperties(prefix = "pulse.security")
public record OperatorSecurityProperties(@DefaultValue List<User> users, @DefaultValue List<Token> tokens) {

    /** viewer: reads; operator: also replays, discards, pauses, resumes, pulls now; partner: both, own tenants only. */
    public enum Role { VIEWER, OPERATOR, PARTNER }

    /**
     * One console user.
     *
     * @param name     login, e.g. {@code alice}
     * @param password hashed with its encoder named, e.g. {@code {bcrypt}$2a$10$...} ({@code {noop}} for tests only)
     * @param roles    e.g. {@code [operator]}
     * @param tenants  for a partner: the tenant ids it may see and act on, e.g. {@code [acme]}
     */
    public record User(String name, String password, @DefaultValue List<Role> roles, @DefaultValue List<String> tenants) {}

    /**
     * One API token.
     *
     * @param name    who uses it, recorded in the audit trail, e.g. {@code ci}
     * @param token   hashed like a password ({@code {bcrypt}...}), or from the environment as
     *                {@code {noop}${PULSE_CI_TOKEN}}
     * @param role    e.g. {@code operator}
     * @param tenants for a partner token: its tenant ids
     */
    public record Token(String name, String token, Role role, @DefaultValue List<String> tenants) {}
}
