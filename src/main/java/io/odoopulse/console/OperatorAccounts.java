package io.odoopulse.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * The users and API tokens of {@code pulse.security}, checked once at start: a bad entry stops the start with its
 * key named. With none configured the app is still secured: on loopback one operator with a random password is
 * created and its password printed once; on any other address the start is refused.
 */
public class OperatorAccounts implements OpaqueTokenIntrospector {

    static final String GENERATED_USER = "operator";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccounts.class);

    private record TokenAccount(String name, String hash, List<GrantedAuthority> authorities) {}

    private final List<UserDetails> users = new ArrayList<>();
    private final List<TokenAccount> tokens = new ArrayList<>();
    private final PasswordEncoder encoder;
    /** Hashes are slow on purpose; a token already matched is known by its SHA-256 for the next calls. */
    private final Map<String, OAuth2AuthenticatedPrincipal> matched = new ConcurrentHashMap<>();

    public OperatorAccounts(OperatorSecurityProperties properties, String serverAddress, PasswordEncoder encoder,
                            Predicate<String> knownTenant) {
        this.encoder = encoder;
        for (int i = 0; i < properties.users().size(); i++) {
            OperatorSecurityProperties.User user = properties.users().get(i);
            String key = "pulse.security.users[" + i + "]";
            require(user.name() != null && !user.name().isBlank(), key + ".name is missing");
            requireHash(user.password(), key + ".password");
            require(!user.roles().isEmpty(), key + ".roles is missing (viewer, operator or partner) for user '"
                    + user.name() + "'");
            List<GrantedAuthority> authorities = new ArrayList<>();
            user.roles().forEach(role -> authorities.addAll(authorities(role, user.tenants(), key, knownTenant)));
            users.add(User.withUsername(user.name()).password(user.password())
                    .authorities(authorities.stream().distinct().toList()).build());
        }
        for (int i = 0; i < properties.tokens().size(); i++) {
            OperatorSecurityProperties.Token token = properties.tokens().get(i);
            String key = "pulse.security.tokens[" + i + "]";
            require(token.name() != null && !token.name().isBlank(), key + ".name is missing");
            requireHash(token.token(), key + ".token");
            require(token.role() != null, key + ".role is missing (viewer, operator or partner) for token '"
                    + token.name() + "'");
            tokens.add(new TokenAccount(token.name(), token.token(),
                    authorities(token.role(), token.tenants(), key, knownTenant)));
        }
        if (users.isEmpty() && tokens.isEmpty()) {
            if (!loopback(serverAddress)) {
                throw new InsecureStartException(serverAddress);
            }
            String password = randomPassword();
            users.add(User.withUsername(GENERATED_USER).password(encoder.encode(password))
                    .authorities(authorities(OperatorSecurityProperties.Role.OPERATOR, List.of(), "", t -> true))
                    .build());
            // Printed once, as Spring Boot does for its generated user; never stored in clear.
            LOG.warn("""

                    No operator configured (pulse.security.users): console and API user '{}' created with the \
                    generated password: {}
                    This is for loopback only; configure users or tokens before binding any other address \
                    (docs/operators.md).
                    """, GENERATED_USER, password);
        }
    }

    public List<UserDetails> users() {
        return List.copyOf(users);
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String presented) {
        String digest = sha256(presented);
        OAuth2AuthenticatedPrincipal known = matched.get(digest);
        if (known != null) {
            return known;
        }
        for (TokenAccount token : tokens) {
            if (encoder.matches(presented, token.hash())) {
                OAuth2AuthenticatedPrincipal principal = new OAuth2IntrospectionAuthenticatedPrincipal(
                        "token:" + token.name(), Map.of("sub", "token:" + token.name()), token.authorities());
                matched.put(digest, principal);
                return principal;
            }
        }
        throw new BadOpaqueTokenException("unknown API token");
    }

    static List<GrantedAuthority> authorities(OperatorSecurityProperties.Role role, List<String> tenants, String key,
                                              Predicate<String> knownTenant) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_VIEWER"));
        if (role != OperatorSecurityProperties.Role.VIEWER) {
            authorities.add(new SimpleGrantedAuthority(TenantScope.OPERATOR));
        }
        if (role != OperatorSecurityProperties.Role.PARTNER) {
            authorities.add(new SimpleGrantedAuthority(TenantScope.ALL_TENANTS));
        } else {
            require(!tenants.isEmpty(), key + ".tenants is missing: a partner sees only the tenants listed for it");
            authorities.add(new SimpleGrantedAuthority(TenantScope.PARTNER));
            for (String tenant : tenants) {
                if (!knownTenant.test(tenant)) {
                    // A bundle may be added later or served by another instance; the partner sees nothing of it now.
                    LOG.warn("{}.tenants names '{}', which no tenant bundle here defines", key, tenant);
                }
                authorities.add(new SimpleGrantedAuthority(TenantScope.TENANT_PREFIX + tenant));
            }
        }
        return authorities;
    }

    static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false; // no server.address: every interface
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void requireHash(String value, String key) {
        require(value != null && !value.isBlank(), key + " is missing");
        require(value.startsWith("{") && value.indexOf('}') > 1, key + " must name its encoder, e.g. "
                + "{bcrypt}$2a$10$... (or {noop}${SOME_ENV_VAR} for a value from the environment)");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("security configuration: " + message);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Listening beyond loopback with nobody configured: anyone reaching the port would be an operator. */
    public static class InsecureStartException extends RuntimeException {
        InsecureStartException(String address) {
            super("odoo-pulse listens on " + (address == null || address.isBlank() ? "every interface" : address)
                    + " (server.address) but no operator users or tokens are configured (pulse.security.users, "
                    + "pulse.security.tokens): the console and the operator API would be open to anyone reaching "
                    + "the port. Configure users, e.g. PULSE_SECURITY_USERS_0_NAME=alice "
                    + "PULSE_SECURITY_USERS_0_PASSWORD={bcrypt}... PULSE_SECURITY_USERS_0_ROLES=operator, "
                    + "or listen on 127.0.0.1 only (docs/operators.md).");
        }
    }
}
