package io.odoopulse.demo.simulator;

import java.util.List;
import java.util.Set;

/** A login the simulator accepts. {@code deniedModels} are models this user has no ACL on at all. */
record User(int uid, String login, String password, String apiKey, String name, int partnerId,
        List<Integer> companyIds, Set<String> deniedModels) {

    boolean admin() { return uid == 2; }

    boolean acceptsPassword(String candidate) {
        if (candidate == null) return false;
        return candidate.equals(password) || (apiKey != null && !apiKey.isEmpty() && candidate.equals(apiKey));
    }
}
