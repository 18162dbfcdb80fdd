package io.odoopulse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

/** The accounts of pulse.security as the start checks them. */
class OperatorAccountsTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private static OperatorSecurityProperties none() {
        return new OperatorSecurityProperties(List.of(), List.of());
    }

    @Test
    void onLoopbackWithoutUsersOneOperatorWithARandomHashedPasswordIsCreated() {
        UserDetails generated = new OperatorAccounts(none(), "127.0.0.1", encoder, t -> true).users().get(0);
        UserDetails again = new OperatorAccounts(none(), "127.0.0.1", encoder, t -> true).users().get(0);

        assertThat(generated.getUsername()).isEqualTo("operator");
        assertThat(generated.getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("ROLE_OPERATOR");
        assertThat(generated.getPassword()).startsWith("{bcrypt}");
        assertThat(generated.getPassword()).isNotEqualTo(again.getPassword());
    }

    @Test
    void onAnyOtherAddressWithoutUsersTheStartIsRefusedSayingWhy() {
        assertThatThrownBy(() -> new OperatorAccounts(none(), "0.0.0.0", encoder, t -> true))
                .isInstanceOf(OperatorAccounts.InsecureStartException.class)
                .hasMessageContaining("listens on 0.0.0.0").hasMessageContaining("no operator users or tokens");
        assertThatThrownBy(() -> new OperatorAccounts(none(), null, encoder, t -> true))
                .hasMessageContaining("listens on every interface");
    }

    @Test
    void aPasswordWithoutItsEncoderIsRefusedNamingTheKey() {
        OperatorSecurityProperties plain = new OperatorSecurityProperties(List.of(
                new OperatorSecurityProperties.User("alice", "secret", List.of(OperatorSecurityProperties.Role.OPERATOR),
                        List.of())), List.of());

        assertThatThrownBy(() -> new OperatorAccounts(plain, "127.0.0.1", encoder, t -> true))
                .hasMessageContaining("pulse.security.users[0].password must name its encoder")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aPartnerWithoutTenantsIsRefusedNamingTheKey() {
        OperatorSecurityProperties partner = new OperatorSecurityProperties(List.of(), List.of(
                new OperatorSecurityProperties.Token("shop", "{noop}t", OperatorSecurityProperties.Role.PARTNER,
                        List.of())));

        assertThatThrownBy(() -> new OperatorAccounts(partner, "127.0.0.1", encoder, t -> true))
                .hasMessageContaining("pulse.security.tokens[0].tenants is missing");
    }

    @Test
    void aHashedTokenAuthenticatesAsItsNameWithItsRoleAndTenants() {
        OperatorSecurityProperties tokens = new OperatorSecurityProperties(List.of(), List.of(
                new OperatorSecurityProperties.Token("shop", encoder.encode("s3cret-token"),
                        OperatorSecurityProperties.Role.PARTNER, List.of("acme"))));
        OperatorAccounts accounts = new OperatorAccounts(tokens, "0.0.0.0", encoder, t -> true);

        var principal = accounts.introspect("s3cret-token");

        assertThat(principal.getName()).isEqualTo("token:shop");
        assertThat(principal.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_PARTNER", "TENANT_acme")
                .doesNotContain("ROLE_ALL_TENANTS");
        assertThatThrownBy(() -> accounts.introspect("guess")).isInstanceOf(BadOpaqueTokenException.class);
    }
}
