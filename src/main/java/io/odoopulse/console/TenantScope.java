package io.odoopulse.console;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Which tenants the caller may see and act on: every tenant, or a partner's own (carried as {@code TENANT_<id>}
 * authorities, the same for users and tokens).
 */
public record TenantScope(Set<String> tenants) {

    static final String TENANT_PREFIX = "TENANT_";
    static final String PARTNER = "ROLE_PARTNER";
    static final String OPERATOR = "ROLE_OPERATOR";
    /** Views that span every tenant (pull progress, notices, metrics) are for viewers and operators, not partners. */
    static final String ALL_TENANTS = "ROLE_ALL_TENANTS";

    public static TenantScope of(Authentication authentication) {
        Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
        if (authorities.stream().noneMatch(a -> PARTNER.equals(a.getAuthority()))) {
            return new TenantScope(null);
        }
        Set<String> own = new TreeSet<>();
        authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith(TENANT_PREFIX))
                .forEach(a -> own.add(a.substring(TENANT_PREFIX.length())));
        return new TenantScope(own);
    }

    /** Operators and partners act; viewers read (and see personal fields masked). */
    public static boolean mayAct(Authentication authentication) {
        return authentication.getAuthorities().stream().anyMatch(a -> OPERATOR.equals(a.getAuthority()));
    }

    public boolean all() {
        return tenants == null;
    }

    public boolean permits(String tenant) {
        return tenants == null || tenants.contains(tenant);
    }
}
