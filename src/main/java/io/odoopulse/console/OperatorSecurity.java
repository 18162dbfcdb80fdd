package io.odoopulse.console;

import static org.springframework.security.config.Customizer.withDefaults;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.odoopulse.tenant.TenantRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Secure by default. The API and actuator ({@code /api/**}, {@code /actuator/**}) take bearer tokens or HTTP basic,
 * without sessions; the console takes a login form with a session and CSRF protection. Health and readiness are
 * open; the built-in Nerve Centre page and its receiver are open to loopback only.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class OperatorSecurity {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    OperatorAccounts operatorAccounts(OperatorSecurityProperties properties, Environment environment,
                                      PasswordEncoder encoder, TenantRegistry tenants) {
        return new OperatorAccounts(properties, environment.getProperty("server.address"), encoder, tenants::contains);
    }

    @Bean
    UserDetailsService operatorUsers(OperatorAccounts accounts) {
        return new InMemoryUserDetailsManager(accounts.users());
    }

    @Bean
    @Order(1)
    SecurityFilterChain operatorApiSecurity(HttpSecurity http, OperatorAccounts accounts) throws Exception {
        return http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Views across every tenant; partners see their own tenants through the others.
                        .requestMatchers("/api/pulls/**", "/api/notices/**", "/actuator/**").hasRole("ALL_TENANTS")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("VIEWER")
                        .anyRequest().hasRole("OPERATOR"))
                .httpBasic(withDefaults())
                .oauth2ResourceServer(server -> server.opaqueToken(token -> token.introspector(accounts)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookie authenticates here (stateless, credentials on every call), so there is nothing to forge.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operatorConsoleSecurity(HttpSecurity http) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> loopbackOrLoggedIn = AuthorizationManagers.anyOf(
                (authentication, context) -> new AuthorizationDecision(fromLoopback(context.getRequest()
                        .getRemoteAddr())), AuthenticatedAuthorizationManager.authenticated());
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/console/console.css").permitAll()
                        .requestMatchers("/", "/nerve-centre/**").access(loopbackOrLoggedIn)
                        .requestMatchers(HttpMethod.POST, "/console/**").hasRole("OPERATOR")
                        .requestMatchers("/console", "/console/**").hasRole("VIEWER")
                        .anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/console", false))
                // Scripts may read the pages with HTTP basic; browsers are sent to the login form.
                .httpBasic(withDefaults())
                .logout(withDefaults())
                // The built-in receiver takes pushes from the app itself (loopback), not from a browser session.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/nerve-centre/api/**"))
                .build();
    }

    private static boolean fromLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
