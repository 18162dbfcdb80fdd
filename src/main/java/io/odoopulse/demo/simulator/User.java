package io.odoopulse.demo.simulator;

import java.util.List;
import java.util.Set;

/**
 * A login the simulator accepts. {@code companyId} is the user's current company (env.company without an
 * allowed_company_ids context), {@code companyIds} the ones it may switch to, in the server's order;
 * {@code deniedModels} are models this user has no ACL on at all.
 */
record User(int uid, String login, String password, String apiKey, String name, int partnerId, int companyId,
        List<Integer> companyIds, Set<String> deniedModels) {

    boolean admin() { return uid == 2; }

    boolean acceptsPassword(String candidate) {
        if (candidate == null) return false;
        return candidate.equals(password) || (apiKey != null && !apiKey.isEmpty() && candidate.equals(apiKey));
    }
}
