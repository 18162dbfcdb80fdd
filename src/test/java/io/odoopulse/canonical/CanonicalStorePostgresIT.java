package io.odoopulse.canonical;

import io.odoopulse.support.TestDatabase;

/** Skipped, not failed, when no PostgreSQL listens on 127.0.0.1:5432. */
class CanonicalStorePostgresIT extends CanonicalStoreContract {
    @Override
    TestDatabase.Handle database() {
        return TestDatabase.postgres();
    }
}
